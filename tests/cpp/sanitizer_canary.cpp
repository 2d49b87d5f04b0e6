// Commits one deliberate error chosen by argv[1], so ctest can check that the
// sanitized build (GOVNET_SANITIZE, -fno-sanitize-recover=all, the
// ASAN_OPTIONS/UBSAN_OPTIONS set by `make asan-test`) fails on a report. Every
// test using it is marked WILL_FAIL: it passes only if the process dies.

#include <govnet/common.hpp>

#include <climits>
#include <cstdlib>
#include <cstring>

int main(int argc, char** argv) {
    if (argc < 2) return 0;
    volatile int pad = argc;  // values the compiler cannot fold away
    if (std::strcmp(argv[1], "heap-overflow") == 0) {
        int* a = new int[4];
        const int v = a[3 + pad];  // pad >= 2: past the end
        delete[] a;
        return v == 12345 ? 1 : 0;
    }
    if (std::strcmp(argv[1], "use-after-free") == 0) {  // AddressSanitizer only
        int* a = new int[4];
        a[0] = pad;
        delete[] a;
        return a[pad - 2] == 12345 ? 1 : 0;
    }
    if (std::strcmp(argv[1], "signed-overflow") == 0) {
        int x = INT_MAX - 1 + (pad - 1);  // INT_MAX (pad == 2)
        x += pad;                           // undefined: overflow
        return x == 0 ? 1 : 0;
    }
    if (std::strcmp(argv[1], "leak") == 0) {
        // Allocated through the core's own code path so the leak is in our frames.
        auto* leaked = new govnet::Rng(static_cast<std::uint64_t>(pad));
        leaked = nullptr;
        return 0;
    }
    return 0;
}
