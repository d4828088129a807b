import Foundation
import RecipeCLI

// The `recipes` command: everything lives in RecipeCLI so it can be tested; this only runs it.
let status = await CommandLineTool().run(Array(CommandLine.arguments.dropFirst()))
exit(status)
