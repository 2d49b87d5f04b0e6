from govnet.cli import main

raise SystemExit(main())
