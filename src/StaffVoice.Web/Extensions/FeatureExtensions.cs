using StaffVoice.Web.Features.People;

namespace StaffVoice.Web.Extensions;

public static class FeatureExtensions
{
    /// <summary>One line per feature service.</summary>
    public static WebApplicationBuilder AddStaffVoiceFeatures(this WebApplicationBuilder builder)
    {
        // People
        builder.Services.AddSingleton<PeopleDirectory>();
        return builder;
    }
}
