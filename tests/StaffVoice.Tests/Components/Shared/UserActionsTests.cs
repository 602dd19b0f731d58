using Microsoft.Extensions.DependencyInjection;
using StaffVoice.Web.Components.Shared;
using StaffVoice.Web.Features;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Components.Shared;

public class UserActionsTests : ComponentTestContext
{
    private UserActions Actions => Services.GetRequiredService<UserActions>();

    [Fact]
    public async Task A_failure_meant_for_people_comes_back_as_its_own_message()
    {
        var outcome = await Actions.RunAsync(() => throw new PermissionDeniedException("Only comms managers can approve drafts."));
        Assert.False(outcome.Succeeded);
        Assert.Equal("Only comms managers can approve drafts.", outcome.Error);
        Assert.IsType<PermissionDeniedException>(outcome.Failure);
    }

    [Fact]
    public async Task Validation_comes_back_per_field()
    {
        var outcome = await Actions.RunAsync(() => throw new ValidationFailedException("Text", "Write the reply first."));
        Assert.Equal("Write the reply first.", outcome.For("Text"));
        Assert.Null(outcome.For("Channels"));
    }

    [Fact]
    public async Task Anything_else_becomes_a_general_message_never_the_exception_text()
    {
        SignInAs("Alex Morgan");
        var outcome = await Actions.RunAsync(() => throw new InvalidOperationException("SQLite Error 10: 'disk I/O error'."));
        Assert.False(outcome.Succeeded);
        Assert.Equal(UserActions.UnexpectedMessage, outcome.Error);
        Assert.Null(outcome.Failure);
    }

    [Fact]
    public async Task A_result_is_handed_over_only_on_success()
    {
        var received = 0;
        var ok = await Actions.RunAsync(() => Task.FromResult(42), value => received = value);
        Assert.True(ok.Succeeded);
        Assert.Equal(42, received);
    }
}
