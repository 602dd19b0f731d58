using System.Text.Json;

namespace StaffVoice.Benchmarks;

/// <summary>What every benchmark shares: percentiles of sorted timings and its JSON file under artifacts/bench.</summary>
public static class BenchmarkOutput
{
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static async Task WriteJsonAsync(string name, object value)
    {
        Directory.CreateDirectory(Path.Combine("artifacts", "bench"));
        await File.WriteAllTextAsync(Path.Combine("artifacts", "bench", $"{name}.json"),
            JsonSerializer.Serialize(value, new JsonSerializerOptions { WriteIndented = true }));
    }
}
