// Small helpers called from Blazor through JS interop.
window.staffVoice = {
    markInteractive: () => { document.body.dataset.interactive = "true"; },
    submitForm: (id) => { document.getElementById(id)?.submit(); },
    copyText: (text) => navigator.clipboard.writeText(text),
};
