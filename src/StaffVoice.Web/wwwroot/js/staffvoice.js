// Small helpers called from Blazor through JS interop.
window.staffVoice = {
    markInteractive: () => { document.body.dataset.interactive = "true"; },
    submitForm: (id) => { document.getElementById(id)?.submit(); },
    copyText: (text) => navigator.clipboard.writeText(text),
    // After an action, focus goes to what it changed (its status line), never back to the page body.
    focus: (id) => document.getElementById(id)?.focus(),
    // Dialogs give focus back to what opened them; if that is gone (the thing was removed), to a fallback element.
    rememberFocus: () => { window.staffVoice.remembered = document.activeElement; },
    restoreFocus: (fallbackId) => {
        const last = window.staffVoice.remembered;
        window.staffVoice.remembered = null;
        if (last && last.isConnected && last !== document.body) last.focus();
        else if (fallbackId) document.getElementById(fallbackId)?.focus();
    },
};

// The reconnect card's buttons. No inline handlers anywhere: the Content-Security-Policy allows scripts from files only.
document.addEventListener("click", (event) => {
    // The skip link moves focus into the page's main content (a fragment link alone only scrolls under Blazor routing).
    const skip = event.target.closest?.(".sv-skip-link");
    if (skip) {
        event.preventDefault();
        document.getElementById("main-content")?.focus();
        return;
    }
    const button = event.target.closest?.("[data-sv-action]");
    if (!button) return;
    if (button.dataset.svAction === "reconnect") window.Blazor?.reconnect();
    if (button.dataset.svAction === "reload") location.reload();
});
