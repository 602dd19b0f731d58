using Microsoft.Data.Sqlite;
using StaffVoice.Web.Features;

namespace StaffVoice.Web.Data;

/// <summary>The database cannot take writes now (its file was deleted, replaced or made read-only, or the server is gone).</summary>
public sealed class DatabaseUnavailableException(string message, Exception? inner = null) : UserFacingException(message)
{
    public const string DefaultMessage = "StaffVoice cannot save right now: its database is not available. Nothing was changed; try again in a few minutes.";

    public DatabaseUnavailableException(Exception? inner = null) : this(DefaultMessage, inner)
    {
    }

    public Exception? Cause { get; } = inner;
}

/// <summary>
/// Guards writes to an embedded SQLite file. Open connections keep writing to a file that was deleted or replaced
/// underneath them (the old inode), and everything written then is lost at the next start; so before each operation the
/// guard checks that the file is still there and that no connection of this process holds a deleted copy of it. When
/// either is wrong the operation is refused with a message, and pooled connections are dropped so that the file, once
/// restored, is opened afresh. SQL Server needs no such guard.
/// </summary>
public sealed class DatabaseGuard(DatabaseOptions database)
{
    private readonly string? _sqlitePath = database.Provider == DatabaseProvider.Sqlite
        ? new SqliteConnectionStringBuilder(database.ConnectionString).DataSource is { Length: > 0 } source && source != ":memory:"
            ? Path.GetFullPath(source)
            : null
        : null;

    /// <summary>Null when writing is safe; otherwise what is wrong, for the health check and the log.</summary>
    public string? Problem()
    {
        if (_sqlitePath is null) return null;
        if (!File.Exists(_sqlitePath)) return $"The database file {_sqlitePath} is missing.";
        if (HoldsDeletedCopy(_sqlitePath)) return $"The database file {_sqlitePath} was replaced or deleted while open.";
        return null;
    }

    public void EnsureWritable()
    {
        if (Problem() is null) return;
        SqliteConnection.ClearAllPools();
        throw new DatabaseUnavailableException();
    }

    /// <summary>Turns a storage failure of the embedded database into the message for people.</summary>
    public static bool IsStorageFailure(Exception ex) => ex is SqliteException
    {
        SqliteErrorCode: 8 /* READONLY */ or 10 /* IOERR */ or 11 /* CORRUPT */ or 13 /* FULL */ or 14 /* CANTOPEN */ or 26 /* NOTADB */,
    };

    // Linux shows an open file whose name was removed as "<path> (deleted)" under /proc/self/fd.
    private static bool HoldsDeletedCopy(string path)
    {
        const string fds = "/proc/self/fd";
        if (!Directory.Exists(fds)) return false;
        var deleted = path + " (deleted)";
        foreach (var fd in Directory.EnumerateFileSystemEntries(fds))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is { } target && target == deleted) return true;
            }
            catch (IOException)
            {
                // closed between listing and reading: not ours to judge
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return false;
    }
}
