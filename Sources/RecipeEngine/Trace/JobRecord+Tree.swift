extension JobRecord {
    /// This job, then every job it started asynchronously and the jobs those started, each
    /// parent before its children.
    public var jobTree: [JobRecord] {
        var tree = [self]
        for child in children { tree += child.jobTree }
        return tree
    }

    /// The jobs of `jobTree` that failed: a job's outcome includes the jobs it started.
    public var failedJobs: [JobRecord] { jobTree.filter { $0.status == .failed } }
}
