using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace Science.Cli.Tests;

/// <summary>
/// Runs the .NET Interactive notebooks of <c>Notebooks/</c> headless through <c>Notebooks/run-all.sh</c> (dotnet-repl,
/// a local tool) and asserts that every notebook passed. Opt-in: only when the environment variable
/// <c>SCIENCE_NOTEBOOKS=1</c> is set, because the run restores the tool and builds the libraries in Release (about a
/// minute); otherwise the test is skipped (.ci/run runs the notebooks itself).
/// </summary>
public sealed class NotebookTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);

    [SkippableFact]
    public void Every_notebook_runs_headless_without_a_failing_cell()
    {
        Science.Tests.Shared.Prerequisite.OptIn("SCIENCE_NOTEBOOKS", "the notebooks through Notebooks/run-all.sh (about a minute)");

        string script = Path.Combine(Repo.Root, "Notebooks", "run-all.sh");
        Assert.True(File.Exists(script), $"missing {script}");
        string outDir = Path.Combine(Path.GetTempPath(), "science-notebooks-test-" + Guid.NewGuid().ToString("N")[..12]);

        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = Repo.Root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.Environment["SCIENCE_NOTEBOOK_OUT"] = outDir;

        var log = new StringBuilder();
        var gate = new object();
        void Append(string? line)
        {
            if (line is null) return;
            lock (gate) log.AppendLine(line);
        }

        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        Assert.True(process.Start(), "could not start bash");
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        bool exited = process.WaitForExit(Timeout);
        if (!exited)
        {
            try { process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { }
        }
        process.WaitForExit(); // drains the redirected streams
        clock.Stop();

        string text;
        lock (gate) text = log.ToString();
        output.WriteLine(text);
        output.WriteLine($"run-all.sh took {clock.Elapsed.TotalSeconds:F1} s");

        Assert.True(exited, $"Notebooks/run-all.sh did not finish within {Timeout.TotalMinutes} min\n{text}");
        Assert.True(process.ExitCode == 0, $"Notebooks/run-all.sh exited with {process.ExitCode}\n{text}");
        Assert.Contains(" passed, 0 failed", text, StringComparison.Ordinal);

        try { Directory.Delete(outDir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
