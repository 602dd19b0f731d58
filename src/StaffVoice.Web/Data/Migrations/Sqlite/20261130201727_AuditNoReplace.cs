using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StaffVoice.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditNoReplace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // INSERT OR REPLACE deletes the old row without firing delete triggers: refuse an insert over an existing id.
            migrationBuilder.Sql("CREATE TRIGGER AuditEntries_NoReplace BEFORE INSERT ON AuditEntries WHEN EXISTS (SELECT 1 FROM AuditEntries WHERE Id = NEW.Id) BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only.'); END;");

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AuditEntries_NoReplace;");

        }
    }
}
