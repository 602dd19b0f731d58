using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StaffVoice.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ExpertiseConfirmation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ConfirmedAt",
                table: "Expertise",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ConfirmedById",
                table: "Expertise",
                type: "int",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ConfirmedAt",
                table: "Expertise");

            migrationBuilder.DropColumn(
                name: "ConfirmedById",
                table: "Expertise");
        }
    }
}
