using System.Security.Cryptography;

namespace StaffVoice.Tests.Infrastructure;

/// <summary>
/// Mutation testing (Stryker.NET) changes the active mutant between test runs inside one test process, through the
/// file named by STRYKER_MUTANT_FILE. Anything a test process builds once and reuses (database templates) is kept per
/// active mutant, so nothing built under one mutant is used under another. Outside mutation testing the key is empty.
/// </summary>
public static class ActiveMutant
{
    public static string Key()
    {
        var file = Environment.GetEnvironmentVariable("STRYKER_MUTANT_FILE");
        return file is not null && File.Exists(file) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file))) : "";
    }
}
