import RecipeEngine

/// What a test case's job did, as the expectations read it.
public struct TestObservation: Sendable {
    public var record: JobRecord
    public var actions: [ActionCall]
    public var mails: [MailNotification]
}
