using MudBlazor;

namespace StaffVoice.Web.Components.Layout;

public static class StaffVoiceTheme
{
    // System fonts only: an intranet may not reach any web font service.
    private static readonly string[] FontStack =
        ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "Noto Sans", "sans-serif"];

    public static MudTheme Create() => new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3f33b5",
            Secondary = "#00695c",
            AppbarBackground = "#2b2170",
            TextSecondary = "rgba(0,0,0,0.68)",
            // Status colours dark enough for 4.5:1 text contrast on white.
            Success = "#1b6e2f",
            Warning = "#8a4b00",
            Error = "#b3261e",
            Info = "#0d5aa7",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#a99cff",
            PrimaryContrastText = "#160f3d",
            Secondary = "#4db6ac",
            SecondaryContrastText = "#05302b",
            AppbarBackground = "#1e1a3a",
            TextSecondary = "rgba(255,255,255,0.75)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontStack },
            H1 = new H1Typography { FontFamily = FontStack },
            H2 = new H2Typography { FontFamily = FontStack },
            H3 = new H3Typography { FontFamily = FontStack },
            H4 = new H4Typography { FontFamily = FontStack },
            H5 = new H5Typography { FontFamily = FontStack },
            H6 = new H6Typography { FontFamily = FontStack },
            Button = new ButtonTypography { FontFamily = FontStack },
            Body1 = new Body1Typography { FontFamily = FontStack },
            Body2 = new Body2Typography { FontFamily = FontStack },
        },
    };
}
