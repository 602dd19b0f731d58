using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace StaffVoice.Web.Security;

/// <summary>
/// The app registration's certificate, named as Microsoft.Identity.Web names it in <c>AzureAd:ClientCertificates</c>
/// (the first entry): <c>SourceType</c> <c>Path</c> with <c>CertificateDiskPath</c> and <c>CertificatePassword</c>, or
/// <c>StoreWithThumbprint</c> with <c>CertificateStorePath</c> (e.g. <c>CurrentUser/My</c>) and <c>CertificateThumbprint</c>.
/// </summary>
public static class ClientCertificates
{
    public static X509Certificate2 Load(IConfigurationSection certificates)
    {
        var first = certificates.GetChildren().FirstOrDefault()
            ?? throw new InvalidOperationException("AzureAd:ClientCertificates is empty.");
        var source = first["SourceType"];
        if (string.Equals(source, "Path", StringComparison.OrdinalIgnoreCase))
        {
            var path = first["CertificateDiskPath"] ?? throw new InvalidOperationException("CertificateDiskPath is missing.");
            return X509CertificateLoader.LoadPkcs12FromFile(path, first["CertificatePassword"]);
        }
        if (string.Equals(source, "StoreWithThumbprint", StringComparison.OrdinalIgnoreCase))
        {
            var storePath = (first["CertificateStorePath"] ?? "CurrentUser/My").Split('/');
            using var store = new X509Store(storePath[^1], Enum.Parse<StoreLocation>(storePath[0], ignoreCase: true));
            store.Open(OpenFlags.ReadOnly);
            return store.Certificates.Find(X509FindType.FindByThumbprint, first["CertificateThumbprint"] ?? "", validOnly: false)
                .FirstOrDefault() ?? throw new InvalidOperationException("No certificate with that thumbprint in " + first["CertificateStorePath"]);
        }
        throw new InvalidOperationException(
            $"AzureAd:ClientCertificates SourceType '{source}' is not supported here; use Path or StoreWithThumbprint.");
    }

    /// <summary>A client assertion (RFC 7523) signed with the certificate, for the token endpoint instead of a secret.</summary>
    public static string CreateAssertion(X509Certificate2 certificate, string clientId, string tokenEndpoint, DateTime now) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = tokenEndpoint,
            Subject = new ClaimsIdentity([new Claim("sub", clientId), new Claim("jti", Guid.NewGuid().ToString())]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(10),
            SigningCredentials = new X509SigningCredentials(certificate),
        });
}
