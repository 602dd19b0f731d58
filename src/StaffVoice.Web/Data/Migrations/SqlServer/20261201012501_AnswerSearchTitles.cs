using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StaffVoice.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AnswerSearchTitles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Answers indexed before "Answer to: <question>" titles were written keep an empty title; give them theirs.
            migrationBuilder.Sql(
                "UPDATE s SET s.[Title] = N'Answer to: ' + q.[Title] FROM [SearchIndex] s JOIN [Questions] q ON q.[Id] = s.[ParentId] " +
                "WHERE s.[Kind] = 3 AND (s.[Title] IS NULL OR s.[Title] = N'');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
