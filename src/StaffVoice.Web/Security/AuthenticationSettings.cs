namespace StaffVoice.Web.Security;

public enum AuthenticationMode
{
    /// <summary>Demo directory: pick a seeded person on /account/signin. For laptops, CI and demos only.</summary>
    Local,

    /// <summary>Microsoft Entra ID through Microsoft.Identity.Web; roles are the app roles in the <c>roles</c> claim.</summary>
    Entra,
}

public sealed record AuthenticationSettings(AuthenticationMode Mode)
{
    public bool IsLocal => Mode == AuthenticationMode.Local;

    /// <summary>Entra ID when <c>AzureAd:ClientId</c> is set, otherwise the local demo directory, unless
    /// <c>Authentication:Mode</c> says otherwise.</summary>
    public static AuthenticationSettings FromConfiguration(IConfiguration configuration)
    {
        var clientId = configuration["AzureAd:ClientId"];
        var modeText = configuration["Authentication:Mode"];
        AuthenticationMode mode;
        if (string.IsNullOrWhiteSpace(modeText))
        {
            mode = string.IsNullOrWhiteSpace(clientId) ? AuthenticationMode.Local : AuthenticationMode.Entra;
        }
        else if (!Enum.TryParse(modeText, ignoreCase: true, out mode))
        {
            throw new InvalidOperationException($"Authentication:Mode is '{modeText}'; use 'Local' or 'Entra'.");
        }
        if (mode == AuthenticationMode.Entra && string.IsNullOrWhiteSpace(clientId))
        {
            throw new InvalidOperationException(
                "Authentication:Mode is Entra but AzureAd:ClientId is empty: fill in the AzureAd section.");
        }
        return new AuthenticationSettings(mode);
    }
}
