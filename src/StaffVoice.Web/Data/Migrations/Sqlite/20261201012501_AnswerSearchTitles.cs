using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StaffVoice.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AnswerSearchTitles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Answers indexed before "Answer to: <question>" titles were written keep an empty title; give them theirs.
            migrationBuilder.Sql(
                "UPDATE SearchIndex SET Title = 'Answer to: ' || (SELECT q.Title FROM Questions q WHERE q.Id = SearchIndex.ParentId) " +
                "WHERE Kind = 3 AND (Title IS NULL OR Title = '') AND EXISTS (SELECT 1 FROM Questions q WHERE q.Id = SearchIndex.ParentId);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
