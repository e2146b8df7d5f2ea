using System.Text.Json;

namespace Science.Interactive.Tests;

/// <summary>
/// The executed notebook copies that <c>Notebooks/run-all.sh</c> leaves in <c>$SCIENCE_NOTEBOOK_OUT</c>: each that loads
/// Science.Interactive must have
/// at least one text/html output written by the Science.Interactive formatters. Skipped when that folder holds no
/// executed notebook (<c>.ci/run</c> runs the notebooks after the tests, and run-all.sh makes the same check itself).
/// </summary>
public sealed class ExecutedNotebookTests
{
    /// <summary>Markup that only the formatters write: their tables and their chart blocks.</summary>
    private static readonly string[] FormatterMarkup = ["<table style=\"border-collapse:collapse;margin:4px 0\">", "class=\"science-chart\""];

    [SkippableFact]
    public void EveryExecutedNotebookHasFormattedHtmlOutput()
    {
        string? folder = Environment.GetEnvironmentVariable("SCIENCE_NOTEBOOK_OUT");
        var notebooks = folder is { Length: > 0 } && Directory.Exists(folder) ? Directory.GetFiles(folder, "*.ipynb") : [];
        Skip.If(notebooks.Length == 0, "no executed notebooks: run `SCIENCE_NOTEBOOK_OUT=DIR bash Notebooks/run-all.sh`, then this test with the same SCIENCE_NOTEBOOK_OUT");
        int checkedNotebooks = 0;
        foreach (var path in notebooks)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var cells = document.RootElement.GetProperty("cells").EnumerateArray().ToArray();
            // A notebook that does not load Science.Interactive (still on `#r` of the build output) has no formatters.
            if (!cells.Any(c => c.TryGetProperty("source", out var source) && Text(source).Contains("nuget: Science.Interactive", StringComparison.Ordinal)))
                continue;
            checkedNotebooks++;
            var html = cells
                .Where(c => c.TryGetProperty("outputs", out _))
                .SelectMany(c => c.GetProperty("outputs").EnumerateArray())
                .Where(o => o.TryGetProperty("data", out var data) && data.TryGetProperty("text/html", out _))
                .Select(o => Text(o.GetProperty("data").GetProperty("text/html")))
                .ToArray();
            Assert.True(html.Length > 0, $"{Path.GetFileName(path)} has no text/html output");
            Assert.True(html.Any(h => FormatterMarkup.Any(h.Contains)), $"{Path.GetFileName(path)} has no output of the Science.Interactive formatters");
        }
        Skip.If(checkedNotebooks == 0, "none of the executed notebooks loads Science.Interactive");
    }

    /// <summary>An .ipynb output value: a string or a list of lines.</summary>
    private static string Text(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? string.Concat(value.EnumerateArray().Select(l => l.GetString())) : value.GetString() ?? "";
}
