using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace StaffVoice.Tests.Infrastructure;

/// <summary>Certificates made for a test: a fresh RSA key, self-signed, valid from yesterday for thirty days.</summary>
public static class TestCertificates
{
    public static X509Certificate2 SelfSigned(string subject)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }
}
