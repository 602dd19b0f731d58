namespace StaffVoice.Web.Data;

/// <summary>An entity whose creation and last-change times are stamped by <see cref="AuditStampInterceptor"/>.</summary>
public interface IHasTimestamps
{
    DateTime CreatedAt { get; set; }
    DateTime UpdatedAt { get; set; }
}

/// <summary>
/// An entity with an app-managed optimistic concurrency token. SQLite has no rowversion, so the token is a Guid
/// renewed on every update by <see cref="AuditStampInterceptor"/>; the same code path works on SQL Server.
/// </summary>
public interface IHasVersion
{
    Guid Version { get; set; }
}
