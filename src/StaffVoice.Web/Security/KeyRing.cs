using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Data;

namespace StaffVoice.Web.Security;

public enum KeyStore
{
    /// <summary>A folder (<c>DataProtection:KeysPath</c>); the default with SQLite on one machine.</summary>
    FileSystem,

    /// <summary>The app's own database; the default with SQL Server, so that every instance shares one key ring.</summary>
    Database,
}

/// <summary>
/// Where the keys that sign sign-in and antiforgery cookies live. Every instance must share them (a cookie issued by one
/// is read by another), so with SQL Server they are kept in the database, under the application name "StaffVoice"; set
/// <c>DataProtection:CertificatePath</c> (with <c>CertificatePassword</c>) or <c>DataProtection:CertificateThumbprint</c>
/// to encrypt them at rest with a certificate.
/// </summary>
public static class KeyRing
{
    public const string ApplicationName = "StaffVoice";

    public static void Add(IServiceCollection services, IConfiguration configuration, string contentRoot, DatabaseProvider provider)
    {
        var protection = services.AddDataProtection().SetApplicationName(ApplicationName);
        var store = configuration.GetValue<KeyStore?>("DataProtection:Store")
            ?? (provider == DatabaseProvider.SqlServer ? KeyStore.Database : KeyStore.FileSystem);
        if (store == KeyStore.Database)
        {
            services.AddOptions<KeyManagementOptions>().Configure<IDbContextFactory<StaffVoiceDb>>(
                (options, factory) => options.XmlRepository = new DatabaseKeyRepository(factory));
        }
        else
        {
            var keysPath = configuration["DataProtection:KeysPath"] is { Length: > 0 } configured
                ? configured
                : Path.Combine(contentRoot, "data", "keys");
            protection.PersistKeysToFileSystem(new DirectoryInfo(keysPath));
        }
        if (Certificate(configuration) is { } certificate) protection.ProtectKeysWithCertificate(certificate);
    }

    /// <summary>The certificate that encrypts the keys at rest, or null when none is configured.</summary>
    public static X509Certificate2? Certificate(IConfiguration configuration)
    {
        if (configuration["DataProtection:CertificatePath"] is { Length: > 0 } path)
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, configuration["DataProtection:CertificatePassword"]);
        }
        if (configuration["DataProtection:CertificateThumbprint"] is { Length: > 0 } thumbprint)
        {
            var storePath = (configuration["DataProtection:CertificateStorePath"] ?? "CurrentUser/My").Split('/');
            using var certificates = new X509Store(storePath[^1], Enum.Parse<StoreLocation>(storePath[0], ignoreCase: true));
            certificates.Open(OpenFlags.ReadOnly);
            return certificates.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false).FirstOrDefault()
                ?? throw new InvalidOperationException($"DataProtection:CertificateThumbprint: no certificate {thumbprint} in {string.Join('/', storePath)}.");
        }
        return null;
    }
}

/// <summary>The key ring as rows of <c>DataProtectionKeys</c>, read and written through the app's context factory.</summary>
public sealed class DatabaseKeyRepository(IDbContextFactory<StaffVoiceDb> factory) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = factory.CreateDbContext();
        return db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).AsEnumerable()
            .Where(xml => !string.IsNullOrEmpty(xml)).Select(xml => XElement.Parse(xml!)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var db = factory.CreateDbContext();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
