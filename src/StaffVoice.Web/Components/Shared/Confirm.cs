using Microsoft.JSInterop;
using MudBlazor;

namespace StaffVoice.Web.Components.Shared;

/// <summary>
/// A yes/no question in a dialog (MudBlazor traps focus inside it; Escape cancels) that gives focus back to the control
/// that opened it when it closes — or, when that control is gone because the answer removed it, to <c>fallbackId</c>.
/// </summary>
public static class Confirm
{
    public static async Task<bool> AskAsync(this IDialogService dialogs, IJSRuntime js, string title, string message, string yesText,
        string cancelText = "Cancel", string? fallbackId = null)
    {
        await js.InvokeVoidAsync("staffVoice.rememberFocus");
        var answer = await dialogs.ShowMessageBoxAsync(title, message, yesText: yesText, cancelText: cancelText);
        // The dialog's closing render comes first; then focus can go back.
        await Task.Yield();
        await js.InvokeVoidAsync("staffVoice.restoreFocus", fallbackId);
        return answer == true;
    }
}
