"""The ``govnet`` command line (also ``python -m govnet``).

* ``govnet demo`` runs the bundled Nanshan case study;
* ``govnet analyze`` writes an HTML report and CSVs of every node-level measure;
* ``govnet convert IN OUT`` converts between network file formats;
* ``govnet check WORKBOOK`` lists every problem of a fieldwork workbook at once
  (the cleaning report) and writes the network when nothing blocks it.

Errors in the input print one clear line (``govnet: error: ...``) and exit
with status 1; usage errors exit with 2; Ctrl-C with 130.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from govnet import demo as demo_module
from govnet import io as gio
from govnet import registry
from govnet._version import __version__
from govnet.errors import GovnetError, GovnetWarning, InvalidParameterError
from govnet.model.missing import symmetrize
from govnet.report.html import stderr_progress, write_report

if TYPE_CHECKING:
    from govnet.model.network import Network


def demo(out: str = "out") -> int:
    """The bundled Nanshan case study (see govnet.demo)."""
    return demo_module.run(out)


_FORMATS = "graphml, gexf, pajek (.net), dl (UCINET), csv, excel (.xlsx)"


def _mapping(items: Sequence[str] | None, what: str) -> dict[str, str]:
    """``["a=b,c=d", "e=f"]`` -> ``{"a": "b", "c": "d", "e": "f"}`` (``--columns``, ``--alias``)."""
    out: dict[str, str] = {}
    for item in items or []:
        for part in item.split(","):
            if not part.strip():
                continue
            if "=" not in part:
                raise InvalidParameterError(f"{what}: {part!r} is not HEADER=NAME")
            k, v = part.split("=", 1)
            out[k.strip()] = v.strip()
    return out


def _sheets(items: Sequence[str] | None) -> str | dict[str, str] | None:
    """``--sheet NAME`` (every table) or ``--sheet actors=NAME --sheet ties=NAME``."""
    if not items:
        return None
    if len(items) == 1 and "=" not in items[0]:
        return items[0]
    return _mapping(items, "--sheet")


def _load(args: argparse.Namespace) -> Network:
    if args.input is not None:
        if args.actors is not None or args.ties is not None:
            raise InvalidParameterError("give either --input or --actors/--ties, not both")
        if args.input.lower().endswith(".govnet"):
            return gio.load(args.input)
        return gio.read(args.input, format=args.input_format)
    if args.actors is None:
        raise InvalidParameterError("give --actors (and --ties) CSV/Excel files, or --input FILE")
    return gio.read_tables(args.actors, args.ties, args.duties, meetings=args.meetings,
                           encoding=args.encoding, sheet=_sheets(args.sheet),
                           columns=_mapping(args.columns, "--columns") or None)


def analyze(args: argparse.Namespace) -> int:
    """``govnet analyze``: report.html + CSVs (+ the network in other formats) into --out."""
    from pathlib import Path

    say = stderr_progress() if not args.quiet else (lambda msg: None)
    say("reading the network")
    net = _load(args)
    out = Path(args.out)
    title = args.title
    if title is None and "name" not in net.meta:
        title = Path(args.ties or args.actors).stem
    relation = "all" if not args.relation else (
        args.relation[0] if len(args.relation) == 1 else args.relation)
    path = write_report(net, out, title=title, relation=relation, figures=not args.no_figures,
                        progress=say)
    for fmt in args.format or []:
        key = gio.format_of("x", fmt)
        ext = {"graphml": ".graphml", "gexf": ".gexf", "pajek": ".net", "dl": ".dl",
               "csv": ".csv", "excel": ".xlsx"}[key]
        say(f"writing network{ext}")
        _write_noting(net, out / f"network{ext}", key)
    print(f"report written to {path}")
    return 0


def _write_noting(net: Any, path: Any, fmt: str | None) -> None:
    """gio.write, with what the format leaves out (a GovnetWarning) said as one line
    on stderr, as the CLI says everything, instead of a Python warning."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", GovnetWarning)
        gio.write(net, path, format=fmt)
    for w in caught:
        if issubclass(w.category, GovnetWarning):
            print(f"note: {w.message}", file=sys.stderr)
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)


def convert(args: argparse.Namespace) -> int:
    """``govnet convert IN OUT``: formats chosen by extension (or --from/--to)."""
    options = {}
    if args.actors is not None:
        options["actors"] = args.actors
    net = gio.read(args.input, format=args.from_format, **options)
    _write_noting(net, args.output, args.to_format)
    print(f"{args.input} -> {args.output}: {net!r}")
    return 0


def check(args: argparse.Namespace) -> int:
    """``govnet check WORKBOOK``: the cleaning report; exit 1 while errors remain."""
    from pathlib import Path

    def part(sheet: str | None, **opts: str) -> dict[str, str] | None:
        if sheet is None:
            return None
        return {"sheet": sheet, **{k: v for k, v in opts.items() if v is not None}}

    directed = {k: v.lower() in ("1", "true", "yes", "directed", "是")
                for k, v in _mapping(args.directed, "--directed").items()}
    report = gio.check(
        args.workbook, actors=args.actors, ties=args.ties,
        roster=part(args.roster, relation=args.roster_relation),
        name_generator=part(args.name_generator), duties=args.duties,
        signin=part(args.signin, rows=args.signin_rows),
        columns=_mapping(args.columns, "--columns") or None, directed=directed or None,
        fill_weight=args.fill_weight, tier_from_kind=args.tier_from_kind,
        aliases=_mapping(args.alias, "--alias") or None)
    print(report)
    if args.out is not None:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        report.to_csv(out / "problems.csv")
        print(f"problems written to {out / 'problems.csv'}")
        if report.network is not None:
            net = report.network
            if args.symmetrize is not None:
                if report.roster is None:
                    raise InvalidParameterError("--symmetrize needs --roster (the reported layer)")
                sym = symmetrize(net, report.roster.relation, args.symmetrize)
                net = sym.network
                print(f"{sym!r}")
            gio.save(net, out / "network.govnet")
            print(f"network written to {out / 'network.govnet'} "
                  f"(govnet analyze --input {out / 'network.govnet'} --out report/)")
    return 0 if report.ok else 1


def measures(args: argparse.Namespace) -> int:
    """``govnet measures``: the measure registry (what ``analyze`` and the report compute)."""
    for m in registry.MEASURES.values():
        shown = " [report]" if m.report else ""
        print(f"{m.name:30} {m.returns:12} {', '.join(m.options)}{shown}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govnet", description="Community governance networks (一核多元 / 1+3+N).",
        epilog="Run 'govnet COMMAND --help' for a command's options.")
    parser.add_argument("--version", action="version", version=f"govnet {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    dm = sub.add_parser("demo", help="run the bundled Nanshan 1+3+N case study",
                        description="Print the Nanshan 1+3+N case study — structure, the core's "
                                    "profile, duty lists, deliberation, QAP, a synthetic district "
                                    "— and write figures, a report and network files to --out.")
    dm.add_argument("--out", default="out", help="output directory (default: out)")
    an = sub.add_parser(
        "analyze", help="write an HTML report and CSVs of every node-level measure",
        description="Analyse a network given as actor/tie tables (CSV or Excel) or a network "
                    "file, and write report.html (summary, centrality tables, figures), "
                    "measures.csv and one CSV per measure into --out.",
        epilog="Example: govnet analyze --actors actors.csv --ties ties.csv --out report/")
    an.add_argument("--actors", help="actors table: id, tier (core/support/plural/external), "
                                      "optional name, kind, ...")
    an.add_argument("--ties", help="ties table: source, target, optional relation, weight")
    an.add_argument("--duties", help="duty list: actor, duty, optional category, role")
    an.add_argument("--meetings", help="meeting attendance: meeting, actor")
    an.add_argument("--input", metavar="FILE", help=f"a network file instead of tables ({_FORMATS})")
    an.add_argument("--input-format", help="format of --input if its extension does not say")
    an.add_argument("--format", action="append", metavar="FMT",
                    help="also write the network as out/network.EXT in this format "
                         "(dl, net, graphml, gexf, csv, xlsx); repeatable")
    an.add_argument("--relation", action="append", metavar="NAME",
                    help="the relation layer every measure uses; repeat to pool several "
                         "(default: all layers pooled, weights summed; the report names them)")
    an.add_argument("--out", required=True, help="output directory (created if needed)")
    an.add_argument("--title", help="report title (default: the network's name)")
    an.add_argument("--encoding", help="encoding of CSV files (default: UTF-8 or GB18030, detected)")
    an.add_argument("--sheet", action="append", metavar="[TABLE=]SHEET",
                    help="Excel sheet of the tables: one name for all, or actors=组织名录 "
                         "--sheet ties=联系 ...; repeatable")
    an.add_argument("--columns", action="append", metavar="HEADER=NAME,...",
                    help="rename the files' headers, e.g. 组织名称=id,来源=source,去向=target; repeatable")
    an.add_argument("--no-figures", action="store_true", help="skip the figures (no matplotlib needed)")
    an.add_argument("-q", "--quiet", action="store_true", help="no progress messages")
    sub.add_parser("measures", help="list the registered measures, what each returns and its "
                                    "options ([report]: shown by analyze)")
    cv = sub.add_parser(
        "convert", help="convert a network between file formats",
        description=f"Convert a network file; formats by extension: {_FORMATS}. "
                    "What each format can hold is listed in the govnet.io documentation.",
        epilog="Example: govnet convert community.dl community.graphml")
    cv.add_argument("input", metavar="IN", help="input file")
    cv.add_argument("output", metavar="OUT", help="output file")
    cv.add_argument("--from", dest="from_format", metavar="FMT", help="input format")
    cv.add_argument("--to", dest="to_format", metavar="FMT", help="output format")
    cv.add_argument("--actors", help="actors CSV for a ties CSV input")
    ck = sub.add_parser(
        "check", help="the cleaning report of a fieldwork workbook (every problem at once)",
        description="Read the tables of a fieldwork workbook (sheet names below), list every "
                    "problem at once with file, sheet, row, column, value, a suggestion and what "
                    "the default would do; with --out write problems.csv and, when nothing "
                    "blocks it, network.govnet for govnet analyze. Exit status 1 while errors remain.",
        epilog="Example: govnet check book.xlsx --actors 组织名录 --ties 联系 --roster 工作往来 "
               "--columns 组织名称=id,层级=tier,来源=source,去向=target --out cleaned/")
    ck.add_argument("workbook", metavar="WORKBOOK", help="the .xlsx workbook (or a CSV)")
    ck.add_argument("--actors", metavar="SHEET", help="actors sheet: id, tier, kind, ...")
    ck.add_argument("--ties", metavar="SHEET", help="ties sheet: source, target, relation, weight")
    ck.add_argument("--roster", metavar="SHEET", help="roster survey sheet (row per respondent)")
    ck.add_argument("--roster-relation", metavar="NAME", help="layer name of the roster's answers")
    ck.add_argument("--name-generator", metavar="SHEET", help="name-generator sheet: ego, alter, ...")
    ck.add_argument("--duties", metavar="SHEET", help="duty list sheet: duty, category, lead, assist")
    ck.add_argument("--signin", metavar="SHEET", help="sign-in sheet (marks √ 是 到 ...)")
    ck.add_argument("--signin-rows", choices=["meeting", "actor"], help="one row per meeting "
                    "(default) or per actor")
    ck.add_argument("--columns", action="append", metavar="HEADER=NAME,...",
                    help="rename headers, e.g. 组织名称=id,来源=source; repeatable")
    ck.add_argument("--alias", action="append", metavar="WRITTEN=ID,...",
                    help="correct a misspelt name everywhere; repeatable")
    ck.add_argument("--directed", action="append", metavar="RELATION=true|false,...",
                    help="direction of a relation that is not built in; repeatable")
    ck.add_argument("--fill-weight", type=float, metavar="W", help="read blank weights as W (listed)")
    ck.add_argument("--tier-from-kind", action="store_true",
                    help="give blank tiers the kind's usual tier (listed)")
    ck.add_argument("--symmetrize", choices=["either", "both", "min", "max", "mean"],
                    help="write the roster layer symmetrised by this rule")
    ck.add_argument("--out", metavar="DIR", help="write DIR/problems.csv and DIR/network.govnet")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "demo":
            return demo(args.out)
        if args.command == "analyze":
            return analyze(args)
        if args.command == "convert":
            return convert(args)
        if args.command == "measures":
            return measures(args)
        if args.command == "check":
            return check(args)
    except GovnetError as exc:
        print(f"govnet: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"govnet: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("govnet: interrupted", file=sys.stderr)
        return 130
    parser.print_help()
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
