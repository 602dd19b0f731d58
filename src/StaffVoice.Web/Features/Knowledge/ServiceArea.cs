using StaffVoice.Web.Features.People;

namespace StaffVoice.Web.Features.Knowledge;

/// <summary>A service a department runs ("Bulky waste collection" under Waste &amp; Recycling).</summary>
public sealed class ServiceArea
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int DepartmentId { get; set; }
    public Department? Department { get; set; }
}

/// <summary>A person who knows a service area: notified of new questions there, and suggested as a reviewer.</summary>
public sealed class Expertise
{
    public int PersonId { get; set; }
    public int ServiceAreaId { get; set; }

    /// <summary>
    /// When an administrator or the head of the area's department confirmed the claim; until then the person is listed
    /// as an expert but may not accept answers for others.
    /// </summary>
    public DateTime? ConfirmedAt { get; set; }
    public int? ConfirmedById { get; set; }
}
