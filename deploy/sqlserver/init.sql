-- Creates the StaffVoice database and two logins; run once as an administrator (compose's db-init service does):
--   sqlcmd -I -b -S sql -U sa -P "$SA_PASSWORD" -v MIGRATOR_PASSWORD="..." APP_PASSWORD="..." -i init.sql
-- staffvoice_migrator owns the schema (migrations, Hangfire's tables); staffvoice_app, the login the instances use,
-- may only read and write data and run the app's statements: no DDL, not sa.
IF DB_ID(N'StaffVoice') IS NULL CREATE DATABASE [StaffVoice];
GO
IF SUSER_ID(N'staffvoice_migrator') IS NULL CREATE LOGIN [staffvoice_migrator] WITH PASSWORD = N'$(MIGRATOR_PASSWORD)', CHECK_POLICY = ON;
ELSE ALTER LOGIN [staffvoice_migrator] WITH PASSWORD = N'$(MIGRATOR_PASSWORD)';
IF SUSER_ID(N'staffvoice_app') IS NULL CREATE LOGIN [staffvoice_app] WITH PASSWORD = N'$(APP_PASSWORD)', CHECK_POLICY = ON;
ELSE ALTER LOGIN [staffvoice_app] WITH PASSWORD = N'$(APP_PASSWORD)';
GO
USE [StaffVoice];
GO
IF USER_ID(N'staffvoice_migrator') IS NULL CREATE USER [staffvoice_migrator] FOR LOGIN [staffvoice_migrator];
ALTER ROLE [db_owner] ADD MEMBER [staffvoice_migrator];
IF USER_ID(N'staffvoice_app') IS NULL CREATE USER [staffvoice_app] FOR LOGIN [staffvoice_app];
ALTER ROLE [db_datareader] ADD MEMBER [staffvoice_app];
ALTER ROLE [db_datawriter] ADD MEMBER [staffvoice_app];
GRANT EXECUTE TO [staffvoice_app];
GO
