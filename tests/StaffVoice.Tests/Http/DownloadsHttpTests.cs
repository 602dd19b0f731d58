using System.Net;

namespace StaffVoice.Tests.Http;

/// <summary>The CSV downloads added for trainers and comms managers: who may have them, and what they hold.</summary>
public class DownloadsHttpTests(StaffVoiceAppFactory factory) : IClassFixture<StaffVoiceAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/training/admin/reports/overdue.csv", Demo.Trainer, "person,department,course,due_utc,days_overdue")]
    [InlineData("/training/admin/reports/courses.csv", Demo.Trainer, "course,assigned,completed")]
    [InlineData("/training/admin/courses/1/roster.csv", Demo.Trainer, "person,department,kind,status,modules_done")]
    [InlineData("/responses/reports/response-times.csv?from=2026-01-05&to=2026-12-31", Demo.Comms, "week_starting,service_area,channel,received")]
    [InlineData("/dashboard/ideas-by-status.csv?from=2026-01-05&to=2026-12-31", Demo.Comms, "status,ideas")]
    [InlineData("/dashboard/compliance-by-department.csv?from=2026-01-05&to=2026-12-31", Demo.Trainer, "date,department,due,completed_on_time,share")]
    public async Task A_download_is_refused_to_an_employee_and_given_to_the_role_it_is_for(string url, string email, string header)
    {
        using var employee = await factory.CreateSignedInClientAsync(Demo.Employee);
        Assert.Equal(HttpStatusCode.Forbidden, (await employee.GetAsync(url, Ct)).StatusCode);

        using var allowed = await factory.CreateSignedInClientAsync(email);
        var response = await allowed.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith(header, lines[0]);
        Assert.True(lines.Length > 1, $"{url} has no rows in the demo data");
    }

    [Fact]
    public async Task A_backwards_date_range_for_the_response_times_is_a_bad_request_with_the_reason()
    {
        using var comms = await factory.CreateSignedInClientAsync(Demo.Comms);
        var response = await comms.GetAsync("/responses/reports/response-times.csv?from=2026-12-01&to=2026-11-01", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("before the start date", await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("md", "text/markdown", "# You said, we did — Northbridge City Council")]
    [InlineData("csv", "text/csv", "title,service_area,department,you_said,we_did")]
    [InlineData("html", "text/html", "<!DOCTYPE html>")]
    public async Task You_said_we_did_downloads_for_any_employee_with_the_seeded_done_ideas(string format, string type, string start)
    {
        using var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync($"/you-said-we-did/export.{format}", Ct)).StatusCode);

        using var employee = await factory.CreateSignedInClientAsync(Demo.Employee);
        var response = await employee.GetAsync($"/you-said-we-did/export.{format}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        var body = (await response.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF');
        Assert.StartsWith(start, body);
        Assert.Contains("Text residents when a missed bin will be collected", body);
        Assert.Contains("Publish how long damp and mould surveys take", body);
        Assert.DoesNotContain("Make the visitor permit form work on phones", body); // in progress, not done
        Assert.Equal(HttpStatusCode.NotFound, (await employee.GetAsync("/you-said-we-did/export.pdf", Ct)).StatusCode);
    }
}
