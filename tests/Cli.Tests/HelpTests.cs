using System.Diagnostics;
using System.Text.RegularExpressions;
using Science.Cli.Help;
using Science.Models.IO;
using Science.Tests.Shared;

namespace Science.Cli.Tests;

/// <summary>
/// The help contract: every option the parser of a command accepts (read from its real "unknown option" error) is
/// listed in that command's <c>--help</c> with a description, and nothing listed is unknown to the parser; ranges in
/// the help are the ranges the parser enforces; <c>medida help COMMAND</c>; docs/cli.md is up to date.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class HelpTests
{
    private const string Probe = "--no-such-option-zz";

    /// <summary>Every command and form, by name.</summary>
    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (var c in CommandTable.All.SelectMany(c => c.WithForms)) data.Add(c.Name);
        return data;
    }

    private static CliCommand Command(string name) => CommandTable.All.SelectMany(c => c.WithForms).Single(c => c.Name == name);

    private static readonly Regex OptionLine = new(@"^  (--[a-z0-9-]+)(?: (\S+))?(?:\s+(\S.*))?$");

    /// <summary>The options a help section lists ("Options:" or "Options of NAME:"), with the text after each name.</summary>
    private static Dictionary<string, string> Section(string help, string title)
    {
        var lines = help.Split('\n');
        int start = Array.IndexOf(lines, title);
        Assert.True(start >= 0, $"the help has no section '{title}':\n{help}");
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        for (int i = start + 1; i < lines.Length && lines[i].Length > 0; i++)
        {
            var m = OptionLine.Match(lines[i]);
            if (m.Success)
            {
                current = m.Groups[1].Value;
                options.Add(current, m.Groups[3].Value);
            }
            else if (current is not null && lines[i].StartsWith("      ", StringComparison.Ordinal))
            {
                options[current] = (options[current] + " " + lines[i].Trim()).Trim();
            }
        }
        return options;
    }

    // The command whose help lists c (c itself, or the command c is a form of).
    private static CliCommand Owner(CliCommand c) => CommandTable.All.Single(x => x.WithForms.Any(f => f.Name == c.Name));

    private static string HelpOf(CliCommand c) => Medida.Ok([.. c.Words, "--help"]).StdOut;

    private static Dictionary<string, string> Documented(CliCommand c)
    {
        var owner = Owner(c);
        return Section(HelpOf(owner), owner.Name == c.Name ? "Options:" : $"Options of {c.Name}:");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void EveryOptionTheParserAcceptsIsInTheHelpAndNothingElse(string name)
    {
        var c = Command(name);
        // What the parser accepts, from its own error message.
        var r = Medida.Run([.. c.Words, .. c.Selector, Probe]);
        string error = Medida.AssertError(r, 2, $"unknown option {Probe} for '{c.Name}'; known: ");
        var accepted = error[(error.IndexOf("known: ", StringComparison.Ordinal) + 7)..].Split(' ').ToHashSet();

        var documented = Documented(c);
        documented.Remove("--help");
        var early = c.Options.Where(o => o.Early).Select(o => "--" + o.Name).ToHashSet();
        Assert.True(early.All(documented.ContainsKey), $"{name}: early options missing from the help");
        var parsed = documented.Keys.Where(k => !early.Contains(k)).ToHashSet();
        var undocumented = accepted.Except(parsed).Order().ToArray();
        var unknown = parsed.Except(accepted).Order().ToArray();
        Assert.True(undocumented.Length == 0, $"{name}: the parser accepts {string.Join(" ", undocumented)} but the help does not describe them");
        Assert.True(unknown.Length == 0, $"{name}: the help describes {string.Join(" ", unknown)} but the parser rejects them");
        foreach (var (option, text) in documented)
            Assert.True(Regex.IsMatch(text, @"\p{L}{3,}.*[.)\]]$"), $"{name}: {option} has no description sentence: '{text}'");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void EveryOptionOfTheSynopsisIsDocumented(string name)
    {
        var c = Command(name);
        var owner = Owner(c);
        var documented = owner.WithForms.SelectMany(Documented).Select(p => p.Key).ToHashSet();
        foreach (Match m in Regex.Matches(c.Usage, @"--[a-z][a-z0-9-]*"))
            Assert.True(documented.Contains(m.Value), $"{name}: the synopsis names {m.Value}, which no option list of the help describes");
    }

    [Fact]
    public void EarlyOptionsWork()
    {
        foreach (var c in CommandTable.All.SelectMany(c => c.WithForms))
            foreach (var o in c.Options.Where(o => o.Early))
            {
                var r = Medida.Ok([.. c.Words, .. c.Selector, "--" + o.Name]);
                Assert.True(r.OutLines.Length > 0, $"{c.Name} --{o.Name} printed nothing");
            }
    }

    [Fact]
    public void DiscoverHelpGivesTheCaseRangeOfTheCatalogue()
    {
        var cases = Section(Medida.Ok("discover", "--help").StdOut, "Options:")["--case"];
        var ids = Medida.Ok("discover", "--list-cases").OutLines.Select(l => l.Split(' ')[0]).ToArray();
        Assert.True(ids.Length >= 10);
        Assert.Contains($"[allowed: one of {string.Join(", ", ids)}]", cases);
        var ks = Section(Medida.Ok("discover", "--help").StdOut, "Options of medida discover --model ks:")["--case"];
        var ksIds = Medida.Ok("discover", "--model", "ks", "--list-cases").OutLines.Select(l => l.Split(' ')[0]).ToArray();
        Assert.Contains($"[allowed: one of {string.Join(", ", ksIds)}]", ks);
    }

    /// <summary>An out-of-range value: the parser's error states the same range as the help line of the option.</summary>
    public static TheoryData<string, string, string[]> Ranges => new()
    {
        { "medida qg spinup", "--steps", ["qg", "spinup", "--output", "@T/s.h5", "--steps", "0"] },
        { "medida qg run", "--max-cfl", ["qg", "run", "--init", "@D", "--steps", "5", "--output", "@T/o.h5", "--max-cfl", "0"] },
        { "medida model run", "--forcing", ["model", "run", "--model", "lorenz96", "--steps", "10", "--output", "@T/m.h5", "--forcing", "2e6"] },
        { "medida model run", "--spinup", ["model", "run", "--model", "lorenz63", "--steps", "10", "--output", "@T/m.h5", "--spinup", "-1"] },
        { "medida assimilate", "--rtps", ["assimilate", "--preset", "l96-sakov2008", "--output", "@T/r.json", "--rtps", "2"] },
        { "medida assimilate", "--members", ["assimilate", "--preset", "l96-sakov2008", "--output", "@T/r.json", "--members", "1"] },
        { "medida dapper-parity", "--seeds", ["dapper-parity", "--output", "@T/p.md", "--seeds", "0"] },
        { "medida increments", "--every", ["increments", "--state", "@D", "--case", "1001", "--output", "@T/i.h5", "--every", "0"] },
        { "medida discover", "--snapshots", ["discover", "--state", "@D", "--case", "1001", "--output", "@T/r.json", "--snapshots", "0"] },
        { "medida discover", "--boundary-cut", ["discover", "--state", "@D", "--case", "1001", "--output", "@T/r.json", "--boundary-cut", "-1"] },
        { "medida discover --model ks", "--samples", ["discover", "--model", "ks", "--case", "1", "--output", "@T/r.json", "--samples", "0"] },
        { "medida interpolate", "--noise", ["interpolate", "--state", "@D", "--interpolator", "cubic", "--output", "@T/e.h5", "--noise", "11"] },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public void TheHelpStatesTheRangeTheParserEnforces(string name, string option, string[] args)
    {
        using var t = new TempDir();
        string error = Medida.AssertError(Medida.Run(ErrorTests.Resolve(args, t)), 2, option + " must be ");
        string range = Regex.Match(error, @"must be an? (\w+ in [\[(][^\]]*\])").Groups[1].Value;
        Assert.NotEqual("", range);
        Assert.Contains($"[allowed: {range}]", Documented(Command(name))[option]);
        Assert.Empty(t.FileNames());
    }

    [Fact]
    public void UnknownOptionsKeepTheirErrorAndExitCode()
    {
        Medida.AssertError(Medida.Run("discover", "--frobnicate"), 2, "unknown option --frobnicate for 'medida discover'; known: --analysis --analysis-every", "--boundary-cut --case");
        Medida.AssertError(Medida.Run("assimilate", "--output=x.json", "--rotate=yes"), 2, "option --rotate of 'medida assimilate' takes no value");
    }

    [Theory]
    [InlineData("qg", "run")]
    [InlineData("qg", "spinup")]
    [InlineData("model", "run")]
    [InlineData("assimilate")]
    [InlineData("dapper-parity")]
    [InlineData("increments")]
    [InlineData("discover")]
    [InlineData("interpolate")]
    public void HelpCommandIsTheCommandsHelp(params string[] words)
    {
        var help = Medida.Ok(["help", .. words]);
        Assert.Equal(Medida.Ok([.. words, "--help"]).StdOut, help.StdOut);
        Assert.Equal(Medida.Ok([.. words, "-h"]).StdOut, help.StdOut);
        Assert.StartsWith("usage: medida " + string.Join(' ', words), help.StdOut);
        // Below the synopsis (the commands' own usage lines) the help is wrapped.
        var wide = help.StdOut[help.StdOut.IndexOf("\nDescription:\n", StringComparison.Ordinal)..].Split('\n').Where(l => l.Length > HelpWriter.Width).ToArray();
        Assert.True(wide.Length == 0, "help lines wider than the wrap width:\n" + string.Join("\n", wide));
        Assert.Contains(medidaTopLevel(), l => l.Contains("medida help COMMAND", StringComparison.Ordinal));
        static string[] medidaTopLevel() => Medida.Ok("--help").OutLines;
    }

    [Fact]
    public void HelpOfAnUnknownCommandIsAUsageError() =>
        Medida.AssertError(Medida.Run("help", "frobnicate"), 2, "unknown command 'frobnicate'");

    [Fact]
    public void ResponseFilesExpandWithQuotesCommentsAndNesting()
    {
        using var t = new TempDir();
        string folder = Path.Combine(t.Path, "with space");
        Directory.CreateDirectory(folder);
        string output = Path.Combine(folder, "l63.h5");
        File.WriteAllText(t.File("inner.rsp"), "--seed 7   # the seed\n");
        File.WriteAllText(t.File("args.rsp"),
            $"# a Lorenz-63 run\n--model lorenz63\n--steps 20 --every 10\n--output \"{output}\"\n@{t.File("inner.rsp")}\n\n--quiet\n");
        var r = Medida.Ok("model", "run", "@" + t.File("args.rsp"));
        var trajectory = ModelTrajectoryFile.Read(output, expectedModel: "lorenz63");
        Assert.Equal(3, trajectory.Count);
        Assert.Equal("7", trajectory.Strings["seed"]);
        // The provenance records the expanded arguments, so the command re-runs without the response file.
        Assert.Equal($"medida model run --model lorenz63 --steps 20 --every 10 --output {output} --seed 7 --quiet", trajectory.Strings["command"]);
        Assert.Equal("", r.StdErr);

        File.WriteAllText(t.File("list.rsp"), "--list-cases\n");
        Assert.Equal(Medida.Ok("discover", "--list-cases").StdOut, Medida.Ok("discover", "@" + t.File("list.rsp")).StdOut);
    }

    [Fact]
    public void ResponseFileErrorsNameTheFile()
    {
        using var t = new TempDir();
        Medida.AssertError(Medida.Run("discover", "@" + t.File("missing.rsp")), 3, "response file @", "missing.rsp: file not found");
        File.WriteAllText(t.File("quote.rsp"), "--case 1001\n--output \"unfinished\n");
        Medida.AssertError(Medida.Run("discover", "@" + t.File("quote.rsp")), 2, "quote.rsp line 2: unterminated \" quote");
        File.WriteAllText(t.File("self.rsp"), "@" + t.File("self.rsp"));
        Medida.AssertError(Medida.Run("discover", "@" + t.File("self.rsp")), 2, "nest more than 8 deep");
        File.WriteAllText(t.File("bad.rsp"), "--steps 0\n");
        Medida.AssertError(Medida.Run("qg", "spinup", "--output", t.File("s.h5"), "@" + t.File("bad.rsp")), 2, "--steps must be an integer in [1, 1000000000]; got '0'");
    }

    [Fact]
    public void ResponseFileLinesSplitLikeAShell()
    {
        var words = new List<string>();
        ResponseFiles.Split("""--a "b c" 'd "e"' f#g "x\"y" # a comment""", words, "test");
        Assert.Equal(["--a", "b c", "d \"e\"", "f#g", "x\"y"], words);
    }

    [Fact]
    public void CompletionScriptNamesEveryCommandAndOption()
    {
        string script = Medida.Ok("completion", "bash").StdOut;
        Assert.Contains("complete -F _medida medida", script);
        foreach (var c in CommandTable.All.SelectMany(c => c.WithForms))
        {
            foreach (string word in c.Words) Assert.Contains(word, script);
            string options = Regex.Match(script, $"\"{Regex.Escape(c.Name[7..])}\"\\) options=\"([^\"]*)\"").Groups[1].Value;
            Assert.Equal(c.Options.Select(o => "--" + o.Name).Append("--help").Order(), options.Split(' ').Order());
        }
        Medida.AssertError(Medida.Run("completion", "zsh"), 2, "usage: medida completion bash");
    }

    [SkippableTheory]
    [InlineData("discover --regr", "--regression-filter --regressor")]
    [InlineData("discover --model ks --sa", "--samples")]
    [InlineData("assimilate --preset ", "ks-bocquet2019 l63-sakov2012 l96-sakov2008 qg-twin")]
    [InlineData("model run --model ks --stepper ", "cnab2 etdrk4")]
    [InlineData("qg ", "run spinup")]
    [InlineData("qg spinup --steps ", "")]
    public void CompletionScriptCompletesInBash(string line, string expected)
    {
        Prerequisite.Require(File.Exists("/bin/bash"), "bash", "apt-get install bash");
        using var t = new TempDir();
        File.WriteAllText(t.File("medida.bash"), Medida.Ok("completion", "bash").StdOut);
        var words = ("medida " + line).Split(' ');
        string array = string.Join(' ', words.Select(w => $"'{w}'"));
        string program = $"source '{t.File("medida.bash")}'; COMP_WORDS=({array}); COMP_CWORD={words.Length - 1}; _medida; printf '%s\\n' \"${{COMPREPLY[@]}}\" | sort";
        var start = new ProcessStartInfo("/bin/bash", ["-c", program]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var bash = Process.Start(start)!;
        string stdout = bash.StandardOutput.ReadToEnd(), stderr = bash.StandardError.ReadToEnd();
        bash.WaitForExit();
        Assert.True(bash.ExitCode == 0 && stderr == "", $"bash failed ({bash.ExitCode}): {stderr}");
        Assert.Equal(expected, string.Join(' ', stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public void CliReferenceInDocsIsUpToDate()
    {
        string path = Path.Combine(Repo.Root, "docs", "cli.md");
        string expected = MarkdownReference.Document();
        if (Environment.GetEnvironmentVariable("MEDIDA_WRITE_DOCS") == "1") File.WriteAllText(path, expected);
        Assert.True(File.Exists(path) && File.ReadAllText(path) == expected,
            "docs/cli.md differs from the option tables; regenerate it: MEDIDA_WRITE_DOCS=1 dotnet test tests/Cli.Tests --filter CliReferenceInDocsIsUpToDate");
    }
}
