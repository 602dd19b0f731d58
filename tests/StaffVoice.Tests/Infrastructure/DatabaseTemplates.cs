using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace StaffVoice.Tests.Infrastructure;

/// <summary>
/// Databases a test process builds once and copies for each test (<see cref="TestDatabase"/>, <see cref="StaffVoiceAppFactory"/>).
/// </summary>
public static class DatabaseTemplates
{
    /// <summary>
    /// Mutation testing (Stryker.NET) changes the active mutant between test runs inside one test process, through the
    /// file named by STRYKER_MUTANT_FILE: a template is kept per active mutant (this key), so nothing built under one
    /// mutant is used under another. Outside mutation testing the key is empty.
    /// </summary>
    public static string ActiveMutantKey()
    {
        var file = Environment.GetEnvironmentVariable("STRYKER_MUTANT_FILE");
        return file is not null && File.Exists(file) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file))) : "";
    }

    /// <summary>
    /// A consistent copy of the SQLite database at <paramref name="databasePath"/>, also while it is open (VACUUM INTO
    /// includes what is still in the write-ahead log); the copy is removed when the test process exits.
    /// </summary>
    public static string Snapshot(string databasePath)
    {
        var template = Path.Combine(Path.GetDirectoryName(databasePath)!, $"template-{Guid.NewGuid():N}.db");
        using (var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "VACUUM INTO $path";
            command.Parameters.AddWithValue("$path", template);
            command.ExecuteNonQuery();
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(template);
        return template;
    }
}
