import Foundation
import RecipeData
import RecipeModel
import RecipeTesting

extension CommandLineTool {
    /// `recipes test [FOLDER|RECIPE|FILE] [--json] [--project DIR]`: runs the test cases of
    /// recipes/<folder>/tests/ (RecipeTesting) and prints a line per case and a summary.
    func test(_ options: Command.TestOptions) async -> Int32 {
        if options.schema {
            console.out(RecipeTestSchema.document.jsonString(pretty: true))
            return ExitStatus.success
        }
        guard let project = loadProject(options.project, printWarnings: false) else { return ExitStatus.failure }
        let root = url(options.project).standardizedFileURL
        guard let (files, recipe) = testFiles(options.target, project: project, root: root, displayRoot: options.project) else {
            return ExitStatus.failure
        }
        let report = await TestRunner(project: project, displayRoot: options.project).run(files, only: recipe?.id)
        if let target = options.target, report.cases.isEmpty {
            console.err("recipes: no test cases for '\(DisplayText.line(target))' (they live in recipes/<folder>/tests/*.json)")
            return ExitStatus.failure
        }
        let renderer = TestReportRenderer()
        if options.json {
            console.out(renderer.json(of: report).jsonString(pretty: true))
        } else {
            for result in report.cases {
                let (out, err) = renderer.lines(for: result)
                out.forEach(console.out)
                err.forEach(console.err)
            }
            console.out(renderer.summary(of: report))
        }
        return report.succeeded ? ExitStatus.success : ExitStatus.failure
    }

    /// The files `target` names (a test case file, a folder, or a recipe whose cases alone
    /// run), or every folder's; `nil` after printing why when it names nothing.
    private func testFiles(
        _ target: String?, project: Project, root: URL, displayRoot: String
    ) -> (files: [TestFile], recipe: Recipe?)? {
        guard let target else { return (TestFile.all(root: root, displayRoot: displayRoot), nil) }
        if target.hasSuffix(".json"), FileManager.default.fileExists(atPath: url(target).path),
            let file = TestFile.at(url(target), root: root, displayRoot: displayRoot)
        {
            return ([file], nil)
        }
        var folder = target
        while folder.hasSuffix("/") { folder.removeLast() }
        if let range = folder.range(of: "recipes/", options: .backwards) { folder = String(folder[range.upperBound...]) }
        var isDirectory: ObjCBool = false
        let directory = root.appendingPathComponent("recipes").appendingPathComponent(folder).path
        if !folder.isEmpty, !folder.contains("/"), FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
            isDirectory.boolValue
        {
            return (TestFile.all(root: root, displayRoot: displayRoot, folders: [folder]), nil)
        }
        if let recipe = project.recipe(matching: target) {
            return (TestFile.all(root: root, displayRoot: displayRoot, folders: [recipe.id.folder]), recipe)
        }
        let names = project.folders + project.recipes.keys.map(\.description)
        console.err("recipes: no folder, recipe or test case file '\(DisplayText.line(target))'\(Suggestion.didYouMean(target, among: names))")
        return nil
    }
}
