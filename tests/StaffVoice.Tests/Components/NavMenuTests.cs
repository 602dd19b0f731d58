using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Interfaces;
using StaffVoice.Web.Components.Layout;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Components;

public class NavMenuTests : ComponentTestContext
{
    private IReadOnlyList<string> RenderedLinks()
    {
        var cut = Render<NavMenu>();
        return cut.FindAll("a").Select(a => a.GetAttribute("href")!).ToList();
    }

    [Fact]
    public void An_employee_sees_the_shared_sections_and_no_restricted_ones()
    {
        SignInAs("Alex Morgan", Roles.Employee);
        var links = RenderedLinks();
        Assert.Contains("/", links);
        Assert.Contains("/people", links);
        Assert.DoesNotContain("/jobs", links);
    }

    [Theory]
    [InlineData(Roles.CommsManager, "/responses/approvals")]
    [InlineData(Roles.Trainer, "/training/admin")]
    [InlineData(Roles.Administrator, "/jobs")]
    public void Approvals_training_admin_and_jobs_show_only_for_their_role(string role, string href)
    {
        SignInAs("Someone", Roles.Employee, role);
        Assert.Contains(href, RenderedLinks());
        foreach (var other in Roles.All.Where(r => r != role))
        {
            SignInAs("Someone", Roles.Employee, other);
            Assert.DoesNotContain(href, RenderedLinks());
        }
    }

    [Fact]
    public void An_administrator_sees_the_jobs_dashboard()
    {
        SignInAs("Casey Ng", Roles.Employee, Roles.Administrator);
        Assert.Contains("/jobs", RenderedLinks());
    }

    [Theory]
    [InlineData(Roles.Employee)]
    [InlineData(Roles.CommsManager)]
    [InlineData(Roles.Trainer)]
    [InlineData(Roles.Administrator)]
    public void Every_restricted_entry_shows_exactly_for_its_role(string role)
    {
        SignInAs("Someone", Roles.Employee, role);
        var links = RenderedLinks();
        foreach (var entry in Navigation.Entries)
        {
            var shouldShow = entry.ForRoles is null || entry.ForRoles.Contains(role);
            Assert.True(shouldShow == links.Contains(entry.Href),
                $"{entry.Title} ({entry.Href}) should {(shouldShow ? "" : "not ")}show for {role}");
        }
    }

    [Fact]
    public void Links_outside_blazor_load_a_full_page()
    {
        SignInAs("Casey Ng", Roles.Administrator);
        var cut = Render<NavMenu>();
        Assert.Equal("_top", cut.Find("a[href='/jobs']").GetAttribute("target"));
    }

    [Fact]
    public void Only_the_most_specific_entry_is_marked_as_the_current_page_and_it_follows_navigation()
    {
        SignInAs("Alex Morgan", Roles.Employee);
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/knowledge/questions/3");
        var cut = Render<NavMenu>();
        var current = Assert.Single(cut.FindAll("a[aria-current='page']"));
        Assert.Equal("/knowledge/questions", current.GetAttribute("href"));
        Assert.Contains("active", current.ClassList);
        Assert.Single(cut.FindAll("a.active"));

        navigation.NavigateTo("/training");
        cut.WaitForAssertion(() => Assert.Equal("/training", Assert.Single(cut.FindAll("a[aria-current='page']")).GetAttribute("href")));
        Assert.Single(cut.FindAll("a.active"));
    }

    [Fact]
    public void Following_a_link_tells_the_drawer_so_a_phone_closes_it()
    {
        SignInAs("Alex Morgan", Roles.Employee);
        var drawer = new DrawerProbe();
        var cut = Render<NavMenu>(p => p.AddCascadingValue<INavigationEventReceiver>(drawer));
        cut.Find("a[href='/ideas']").Click();
        Assert.Equal(1, drawer.Navigations);
    }

    private sealed class DrawerProbe : INavigationEventReceiver
    {
        public int Navigations { get; private set; }

        public Task OnNavigation()
        {
            Navigations++;
            return Task.CompletedTask;
        }
    }
}
