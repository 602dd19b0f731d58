using Microsoft.EntityFrameworkCore.Design;

namespace StaffVoice.Web.Data;

// The dotnet-ef tool builds each context here, without starting the web host; no database is contacted.

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<StaffVoiceDb>
{
    public StaffVoiceDb CreateDbContext(string[] args) => new(StaffVoiceDbFactory.BuildOptions(
        new DatabaseOptions(DatabaseProvider.SqlServer, "Server=(design-time);Database=StaffVoice;Trusted_Connection=True"),
        TimeProvider.System));
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteStaffVoiceDb>
{
    public SqliteStaffVoiceDb CreateDbContext(string[] args) => new(StaffVoiceDbFactory.BuildOptions(
        new DatabaseOptions(DatabaseProvider.Sqlite, "Data Source=design-time.db"), TimeProvider.System));
}
