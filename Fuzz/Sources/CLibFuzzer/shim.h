// libFuzzer's documented entry for programs that keep their own `main`
// (https://llvm.org/docs/LibFuzzer.html#using-libfuzzer-as-a-library). SwiftPM gives every
// executable target a `main` of its own, so each fuzz target's main.swift hands its
// LLVMFuzzerTestOneInput to this instead of linking libFuzzer's `main`.
#ifndef RECIPE_CLIBFUZZER_SHIM_H
#define RECIPE_CLIBFUZZER_SHIM_H
#include <stddef.h>
#include <stdint.h>

extern int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
#endif
