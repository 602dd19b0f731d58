global using Microsoft.Playwright;
global using StaffVoice.BrowserTests.Infrastructure;
