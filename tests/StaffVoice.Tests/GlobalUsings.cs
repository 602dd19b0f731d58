global using StaffVoice.Tests.Infrastructure;
