using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StaffVoice.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchFacets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A Facets column ("k1 a17": kind and service area as words) so that search filters narrow the full-text
            // match itself instead of reading every match's UNINDEXED columns. FTS5 cannot add a column: rebuilt.
            migrationBuilder.Sql(
                "CREATE VIRTUAL TABLE SearchIndexNew USING fts5(" +
                "Kind UNINDEXED, ItemId UNINDEXED, ParentId UNINDEXED, ServiceAreaId UNINDEXED, Title, Body, Tags, Facets, " +
                "tokenize = 'porter unicode61 remove_diacritics 2');");
            migrationBuilder.Sql(
                "INSERT INTO SearchIndexNew (rowid, Kind, ItemId, ParentId, ServiceAreaId, Title, Body, Tags, Facets) " +
                "SELECT rowid, Kind, ItemId, ParentId, ServiceAreaId, Title, Body, Tags, 'k' || Kind || ' a' || ServiceAreaId FROM SearchIndex;");
            migrationBuilder.Sql("DROP TABLE SearchIndex;");
            migrationBuilder.Sql("ALTER TABLE SearchIndexNew RENAME TO SearchIndex;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                "CREATE VIRTUAL TABLE SearchIndexOld USING fts5(" +
                "Kind UNINDEXED, ItemId UNINDEXED, ParentId UNINDEXED, ServiceAreaId UNINDEXED, Title, Body, Tags, " +
                "tokenize = 'porter unicode61 remove_diacritics 2');");
            migrationBuilder.Sql(
                "INSERT INTO SearchIndexOld (rowid, Kind, ItemId, ParentId, ServiceAreaId, Title, Body, Tags) " +
                "SELECT rowid, Kind, ItemId, ParentId, ServiceAreaId, Title, Body, Tags FROM SearchIndex;");
            migrationBuilder.Sql("DROP TABLE SearchIndex;");
            migrationBuilder.Sql("ALTER TABLE SearchIndexOld RENAME TO SearchIndex;");
        }
    }
}
