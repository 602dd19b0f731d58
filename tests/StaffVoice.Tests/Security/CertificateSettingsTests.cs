using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StaffVoice.Web.Data;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Security;

/// <summary>
/// The two certificates an operator may configure: the app registration's (<c>AzureAd:ClientCertificates</c>, read by
/// <see cref="ClientCertificates"/>) and the one that encrypts the key ring at rest (<c>DataProtection:Certificate…</c>,
/// read by <see cref="KeyRing"/>), each from a PFX file or from the certificate store by thumbprint.
/// </summary>
public sealed class CertificateSettingsTests : IDisposable
{
    private readonly string _pfx = Path.Combine(Path.GetTempPath(), $"staffvoice-cert-{Guid.NewGuid():N}.pfx");
    private readonly X509Certificate2 _certificate;

    public CertificateSettingsTests()
    {
        using var created = TestCertificates.SelfSigned($"CN=StaffVoice test {Guid.NewGuid():N}");
        var pfx = created.Export(X509ContentType.Pfx, "pfx-password");
        File.WriteAllBytes(_pfx, pfx);
        _certificate = X509CertificateLoader.LoadPkcs12(pfx, "pfx-password", X509KeyStorageFlags.Exportable);
    }

    public void Dispose()
    {
        File.Delete(_pfx);
        _certificate.Dispose();
    }

    private static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, v.Value))).Build();

    /// <summary>Runs <paramref name="act"/> with the test certificate in the current user's personal store.</summary>
    private void InPersonalStore(Action act)
    {
        using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadWrite);
        store.Add(_certificate);
        try { act(); }
        finally { store.Remove(_certificate); }
    }

    [Fact]
    public void The_app_registration_certificate_is_read_from_a_pfx_file_with_its_password()
    {
        var config = Config(("AzureAd:ClientCertificates:0:SourceType", "path"),
            ("AzureAd:ClientCertificates:0:CertificateDiskPath", _pfx), ("AzureAd:ClientCertificates:0:CertificatePassword", "pfx-password"));

        using var loaded = ClientCertificates.Load(config.GetSection("AzureAd:ClientCertificates"));

        Assert.Equal(_certificate.Thumbprint, loaded.Thumbprint);
        Assert.True(loaded.HasPrivateKey);
    }

    [Fact]
    public void The_app_registration_certificate_is_found_in_the_store_by_thumbprint()
    {
        InPersonalStore(() =>
        {
            var config = Config(("AzureAd:ClientCertificates:0:SourceType", "StoreWithThumbprint"),
                ("AzureAd:ClientCertificates:0:CertificateStorePath", "CurrentUser/My"),
                ("AzureAd:ClientCertificates:0:CertificateThumbprint", _certificate.Thumbprint));
            using var loaded = ClientCertificates.Load(config.GetSection("AzureAd:ClientCertificates"));
            Assert.Equal(_certificate.Thumbprint, loaded.Thumbprint);

            // Without a store path, the current user's personal store is the one searched.
            var withoutPath = Config(("AzureAd:ClientCertificates:0:SourceType", "StoreWithThumbprint"),
                ("AzureAd:ClientCertificates:0:CertificateThumbprint", _certificate.Thumbprint));
            using var fromDefault = ClientCertificates.Load(withoutPath.GetSection("AzureAd:ClientCertificates"));
            Assert.Equal(_certificate.Thumbprint, fromDefault.Thumbprint);
        });
    }

    [Fact]
    public void A_store_named_in_the_setting_is_the_one_searched_whatever_the_case_of_its_location()
    {
        // A store of its own (not the personal one), named with a lower-case location as people type it.
        using var store = new X509Store("StaffVoiceTests", StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadWrite);
        store.Add(_certificate);
        try
        {
            var config = Config(("AzureAd:ClientCertificates:0:SourceType", "StoreWithThumbprint"),
                ("AzureAd:ClientCertificates:0:CertificateStorePath", "currentuser/StaffVoiceTests"),
                ("AzureAd:ClientCertificates:0:CertificateThumbprint", _certificate.Thumbprint));
            using var loaded = ClientCertificates.Load(config.GetSection("AzureAd:ClientCertificates"));
            Assert.Equal(_certificate.Thumbprint, loaded.Thumbprint);

            using var keyRing = KeyRing.Certificate(Config(("DataProtection:CertificateThumbprint", _certificate.Thumbprint),
                ("DataProtection:CertificateStorePath", "currentuser/StaffVoiceTests")));
            Assert.Equal(_certificate.Thumbprint, keyRing!.Thumbprint);
        }
        finally
        {
            store.Remove(_certificate);
        }
    }

    [Theory]
    [InlineData(null, null, "AzureAd:ClientCertificates is empty.")]
    [InlineData("Path", null, "CertificateDiskPath is missing.")]
    [InlineData("StoreWithThumbprint", "0000000000000000000000000000000000000000", "No certificate with that thumbprint in CurrentUser/My")]
    [InlineData("KeyVault", null, "AzureAd:ClientCertificates SourceType 'KeyVault' is not supported here; use Path or StoreWithThumbprint.")]
    public void A_certificate_setting_that_cannot_be_used_is_refused_with_what_to_fix(string? source, string? thumbprint, string message)
    {
        var values = new List<(string, string?)>();
        if (source is not null) values.Add(("AzureAd:ClientCertificates:0:SourceType", source));
        if (thumbprint is not null)
        {
            values.Add(("AzureAd:ClientCertificates:0:CertificateStorePath", "CurrentUser/My"));
            values.Add(("AzureAd:ClientCertificates:0:CertificateThumbprint", thumbprint));
        }

        var error = Assert.Throws<InvalidOperationException>(() => ClientCertificates.Load(Config([.. values]).GetSection("AzureAd:ClientCertificates")));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task The_client_assertion_is_signed_by_the_certificate_for_the_token_endpoint_and_lasts_ten_minutes()
    {
        var now = new DateTime(2026, 12, 6, 9, 0, 0, DateTimeKind.Utc);

        var assertion = new JsonWebToken(ClientCertificates.CreateAssertion(_certificate, "client-1", "https://login.example/token", now));

        Assert.Equal("client-1", assertion.Issuer);
        Assert.Equal("client-1", assertion.Subject);
        Assert.Equal(["https://login.example/token"], assertion.Audiences);
        Assert.Equal(now, assertion.IssuedAt);
        Assert.Equal(now, assertion.ValidFrom);
        Assert.Equal(now.AddMinutes(10), assertion.ValidTo);
        Assert.True(Guid.TryParse(assertion.Id, out _));
        Assert.NotEqual(assertion.Id, new JsonWebToken(ClientCertificates.CreateAssertion(_certificate, "client-1", "https://login.example/token", now)).Id);
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(assertion.EncodedToken, new TokenValidationParameters
        {
            ValidIssuer = "client-1", ValidAudience = "https://login.example/token", IssuerSigningKey = new X509SecurityKey(_certificate),
            ValidateLifetime = false,
        });
        Assert.True(validation.IsValid, validation.Exception?.Message);
    }

    [Fact]
    public void The_key_ring_certificate_is_read_from_a_pfx_file_or_the_store_and_is_optional()
    {
        Assert.Null(KeyRing.Certificate(Config()));
        Assert.Null(KeyRing.Certificate(Config(("DataProtection:CertificatePath", ""), ("DataProtection:CertificateThumbprint", ""))));

        using var fromFile = KeyRing.Certificate(Config(("DataProtection:CertificatePath", _pfx), ("DataProtection:CertificatePassword", "pfx-password")));
        Assert.Equal(_certificate.Thumbprint, fromFile!.Thumbprint);

        InPersonalStore(() =>
        {
            using var fromStore = KeyRing.Certificate(Config(("DataProtection:CertificateThumbprint", _certificate.Thumbprint),
                ("DataProtection:CertificateStorePath", "CurrentUser/My")));
            Assert.Equal(_certificate.Thumbprint, fromStore!.Thumbprint);
            using var fromDefaultStore = KeyRing.Certificate(Config(("DataProtection:CertificateThumbprint", _certificate.Thumbprint)));
            Assert.Equal(_certificate.Thumbprint, fromDefaultStore!.Thumbprint);
        });

        var missing = Assert.Throws<InvalidOperationException>(() =>
            KeyRing.Certificate(Config(("DataProtection:CertificateThumbprint", "0000000000000000000000000000000000000000"))));
        Assert.Equal("DataProtection:CertificateThumbprint: no certificate 0000000000000000000000000000000000000000 in CurrentUser/My.", missing.Message);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, null, false)]
    [InlineData(DatabaseProvider.SqlServer, null, true)]
    [InlineData(DatabaseProvider.SqlServer, "FileSystem", false)]
    [InlineData(DatabaseProvider.Sqlite, "database", true)]
    public void The_key_ring_is_kept_in_the_database_with_SQL_Server_and_in_a_folder_otherwise_unless_configured(
        DatabaseProvider provider, string? store, bool inDatabase)
    {
        var services = new ServiceCollection();
        services.AddDbContextFactory<StaffVoiceDb>(options => options.UseSqlite("Data Source=unused.db"));
        var root = Path.Combine(Path.GetTempPath(), "staffvoice-root");

        KeyRing.Add(services, Config(("DataProtection:Store", store)), root, provider);

        using var built = services.BuildServiceProvider();
        var repository = built.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository;
        if (inDatabase)
        {
            Assert.IsType<DatabaseKeyRepository>(repository);
        }
        else
        {
            Assert.Equal(Path.Combine(root, "data", "keys"), Assert.IsType<FileSystemXmlRepository>(repository).Directory.FullName);
        }
    }

    [Fact]
    public void A_configured_keys_folder_is_used()
    {
        var services = new ServiceCollection();
        var folder = Path.Combine(Path.GetTempPath(), $"staffvoice-keys-{Guid.NewGuid():N}");

        KeyRing.Add(services, Config(("DataProtection:KeysPath", folder)), "/unused", DatabaseProvider.Sqlite);

        using var built = services.BuildServiceProvider();
        var repository = built.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository;
        Assert.Equal(folder, Assert.IsType<FileSystemXmlRepository>(repository).Directory.FullName);
        Assert.Equal(KeyRing.ApplicationName, built.GetRequiredService<IOptions<Microsoft.AspNetCore.DataProtection.DataProtectionOptions>>().Value.ApplicationDiscriminator);
    }
}
