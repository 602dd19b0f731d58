namespace StaffVoice.Web.Security;

public enum AuthenticationMode
{
    /// <summary>Demo directory: pick a seeded person on /account/signin. For laptops, CI and demos only.</summary>
    Local,

    /// <summary>Microsoft Entra ID through Microsoft.Identity.Web; roles are the app roles in the <c>roles</c> claim.</summary>
    Entra,
}

/// <summary>
/// How people sign in, resolved once at start-up. Outside Development the demo sign-in runs only when
/// <c>Authentication:Mode=Local</c> is set on purpose; without Entra settings the app refuses to start rather than open
/// the door to anyone.
/// </summary>
public sealed record AuthenticationSettings(AuthenticationMode Mode)
{
    public bool IsLocal => Mode == AuthenticationMode.Local;

    /// <summary>True when <c>Authentication:Mode</c> named the mode; demo data is seeded only then.</summary>
    public bool ModeChosenExplicitly { get; init; }

    /// <summary>How often a cookie and an open circuit are checked against the person's sessions and security stamp.</summary>
    public TimeSpan RevalidateEvery { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Test-only: lets <c>AzureAd:Instance</c> name a non-Microsoft, plain-HTTP authority (a local fake
    /// OpenID Connect provider). Refused in the Production environment.</summary>
    public bool AllowTestAuthority { get; init; }

    /// <summary>The Entra section, checked; null in demo mode.</summary>
    public EntraSettings? Entra { get; init; }

    /// <summary><c>AzureAd:ClientCertificates</c>, for signing client assertions when no secret is set.</summary>
    public IConfigurationSection? EntraCertificates { get; init; }

    public static AuthenticationSettings FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        var clientId = configuration["AzureAd:ClientId"];
        var modeText = configuration["Authentication:Mode"];
        var explicitMode = !string.IsNullOrWhiteSpace(modeText);
        AuthenticationMode mode;
        if (!explicitMode)
        {
            if (!string.IsNullOrWhiteSpace(clientId)) mode = AuthenticationMode.Entra;
            else if (environment.IsDevelopment()) mode = AuthenticationMode.Local;
            else
            {
                throw new InvalidOperationException(
                    "StaffVoice has no sign-in configured. For production, fill in AzureAd:TenantId, AzureAd:ClientId and "
                    + "AzureAd:ClientSecret (or AzureAd:ClientCertificates) as deploy/README.md describes. For a demo with the "
                    + "fictional directory, set Authentication:Mode=Local explicitly.");
            }
        }
        else if (!Enum.TryParse(modeText, ignoreCase: true, out mode) || !Enum.IsDefined(mode))
        {
            throw new InvalidOperationException($"Authentication:Mode is '{modeText}'; use 'Local' or 'Entra'.");
        }

        var allowTestAuthority = configuration.GetValue("Authentication:AllowTestAuthority", false);
        if (allowTestAuthority && environment.IsProduction())
        {
            throw new InvalidOperationException(
                "Authentication:AllowTestAuthority is for tests against a local fake provider and is refused in Production.");
        }

        var revalidateText = configuration["Authentication:RevalidateEvery"];
        var revalidate = TimeSpan.FromMinutes(1);
        if (!string.IsNullOrWhiteSpace(revalidateText)
            && (!TimeSpan.TryParse(revalidateText, System.Globalization.CultureInfo.InvariantCulture, out revalidate)
                || revalidate < TimeSpan.Zero || revalidate > TimeSpan.FromHours(1)))
        {
            throw new InvalidOperationException(
                $"Authentication:RevalidateEvery is '{revalidateText}'; use a time span between 00:00:00 and 01:00:00.");
        }

        return new AuthenticationSettings(mode)
        {
            ModeChosenExplicitly = explicitMode,
            RevalidateEvery = revalidate,
            AllowTestAuthority = allowTestAuthority,
            Entra = mode == AuthenticationMode.Entra ? EntraSettings.FromConfiguration(configuration, allowTestAuthority) : null,
            EntraCertificates = configuration.GetSection("AzureAd:ClientCertificates"),
        };
    }
}

/// <summary>The <c>AzureAd</c> section as StaffVoice uses it, validated at start-up so a typo fails the start rather
/// than every request.</summary>
public sealed record EntraSettings(Uri Instance, string TenantId, string ClientId, string? ClientSecret, bool HasClientCertificate)
{
    /// <summary>The authority's origin, which the sign-out form may post to (Content-Security-Policy form-action).</summary>
    public string AuthorityOrigin => Instance.GetLeftPart(UriPartial.Authority);

    public static EntraSettings FromConfiguration(IConfiguration configuration, bool allowTestAuthority)
    {
        var section = configuration.GetSection("AzureAd");
        var problems = new List<string>();
        var instanceText = section["Instance"];
        if (!Uri.TryCreate(instanceText, UriKind.Absolute, out var instance)
            || (instance.Scheme != Uri.UriSchemeHttps && !(allowTestAuthority && instance.Scheme == Uri.UriSchemeHttp)))
        {
            problems.Add($"AzureAd:Instance is '{instanceText}'; use https://login.microsoftonline.com/ (or your cloud's sign-in host).");
            instance = null;
        }
        var tenantId = section["TenantId"];
        if (string.IsNullOrWhiteSpace(tenantId) || tenantId is "common" or "organizations" or "consumers")
        {
            problems.Add("AzureAd:TenantId must be your directory (tenant) id: StaffVoice is a single-tenant app.");
        }
        var clientId = section["ClientId"];
        if (string.IsNullOrWhiteSpace(clientId)) problems.Add("AzureAd:ClientId is empty: use the app registration's client id.");
        var secret = section["ClientSecret"];
        var hasCertificate = section.GetSection("ClientCertificates").GetChildren().Any();
        if (string.IsNullOrWhiteSpace(secret) && !hasCertificate)
        {
            problems.Add("AzureAd:ClientSecret or AzureAd:ClientCertificates is needed: sign-in redeems an authorization code.");
        }
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The Entra ID settings are incomplete: " + string.Join(" ", problems));
        }
        return new EntraSettings(instance!, tenantId!, clientId!, string.IsNullOrWhiteSpace(secret) ? null : secret, hasCertificate);
    }
}
