using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Science.Numerics.IO;

namespace Science.Cli.Reproduce;

/// <summary>The JSON conventions of the reproduction files (snake_case, enums as words, readable Unicode) and their atomic I/O.</summary>
internal static class ReproductionJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Writes <paramref name="value"/> to <paramref name="path"/> atomically.</summary>
    public static void Write<T>(string path, T value) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(value, Options) + "\n");

    /// <summary>Reads a file written by <see cref="Write"/>, or null when it is missing or unreadable (then the work is redone).</summary>
    public static T? TryRead<T>(string path) where T : class
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options);
        }
        catch (Exception e) when (e is JsonException or IOException or NotSupportedException)
        {
            return null;
        }
    }
}
