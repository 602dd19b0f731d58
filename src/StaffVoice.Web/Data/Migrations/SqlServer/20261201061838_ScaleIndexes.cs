using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StaffVoice.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ScaleIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Questions_ServiceAreaId",
                table: "Questions");

            migrationBuilder.CreateIndex(
                name: "IX_Questions_ServiceAreaId_AnswerCount_CreatedAt",
                table: "Questions",
                columns: new[] { "ServiceAreaId", "AnswerCount", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Questions_ServiceAreaId_AnswerCount_CreatedAt",
                table: "Questions");

            migrationBuilder.CreateIndex(
                name: "IX_Questions_ServiceAreaId",
                table: "Questions",
                column: "ServiceAreaId");
        }
    }
}
