using Science.Numerics.Fft;
using PureHDF;
using Science.QgModel.Spectral;

namespace Science.Cli.Tests;

/// <summary>
/// Bad usage, bad parameters and bad files: the documented exit code, one line "error: …" on stderr naming the
/// option and what is allowed, no stack trace, and no output written.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class ErrorTests
{
    // "@D" = the spun-up state; "@T/" = the test's temporary directory (garbage.h5, shape.h5, f32.h5 are made on demand).
    public static TheoryData<string, int, string[], string[]> Cases => new()
    {
        { "negative steps", 2, ["qg", "run", "--init", "@D", "--steps", "-5", "--output", "@T/OUT.h5"], ["--steps", "[1, 1000000000]", "'-5'"] },
        { "non-numeric steps", 2, ["qg", "run", "--init", "@D", "--steps", "abc", "--output", "@T/OUT.h5"], ["--steps", "[1, 1000000000]", "'abc'"] },
        { "zero steps", 2, ["qg", "run", "--init", "@D", "--steps", "0", "--output", "@T/OUT.h5"], ["--steps", "[1, 1000000000]"] },
        { "steps without a value", 2, ["qg", "run", "--init", "@D", "--output", "@T/OUT.h5", "--steps"], ["--steps", "needs a value"] },
        { "steps twice", 2, ["qg", "run", "--init", "@D", "--steps", "5", "--steps", "6", "--output", "@T/OUT.h5"], ["--steps", "2 times"] },
        { "missing steps", 2, ["qg", "run", "--init", "@D", "--output", "@T/OUT.h5"], ["--steps", "[1, 1000000000]"] },
        { "missing output", 2, ["qg", "run", "--init", "@D", "--steps", "5"], ["--output"] },
        { "negative seed", 2, ["qg", "run", "--init", "@D", "--steps", "5", "--output", "@T/OUT.h5", "--seed", "-1"], ["--seed", "[0, 2147483647]"] },
        { "zero max-cfl", 2, ["qg", "run", "--init", "@D", "--steps", "5", "--output", "@T/OUT.h5", "--max-cfl", "0"], ["--max-cfl", "[1E-06, 100]"] },
        { "negative dt", 2, ["qg", "run", "--init", "@D", "--steps", "5", "--output", "@T/OUT.h5", "--set", "dt=-1"], ["--set dt=-1", "'dt'", "(0, 10]"] },
        { "dt too large", 2, ["qg", "run", "--init", "@D", "--steps", "5", "--output", "@T/OUT.h5", "--set", "dt=11"], ["'dt'", "(0, 10]"] },
        { "robert out of range", 2, ["qg", "run", "--init", "@D", "--steps", "5", "--output", "@T/OUT.h5", "--set", "robert=0.5"], ["'robert'", "[0, 0.5)"] },
        { "non-numeric set value", 2, ["qg", "run", "--init", "@D", "--steps", "5", "--output", "@T/OUT.h5", "--set", "beta=abc"], ["--set beta=abc", "not a number"] },
        { "unknown parameter", 2, ["qg", "run", "--init", "@D", "--steps", "5", "--output", "@T/OUT.h5", "--set", "nope=1"], ["--set nope=1", "'nope'", "known:", "beta", "dt", "tau_d1", "robert"] },
        { "set without value", 2, ["qg", "run", "--init", "@D", "--steps", "5", "--output", "@T/OUT.h5", "--set", "beta"], ["--set beta", "NAME=VALUE"] },
        { "missing init file", 3, ["qg", "run", "--init", "@T/missing.h5", "--steps", "5", "--output", "@T/OUT.h5"], ["missing.h5", "file not found"] },
        { "garbage init file", 3, ["qg", "run", "--init", "@T/garbage.h5", "--steps", "5", "--output", "@T/OUT.h5"], ["garbage.h5", "not an HDF5 file"] },
        { "init of the wrong shape", 3, ["qg", "run", "--init", "@T/shape.h5", "--steps", "5", "--output", "@T/OUT.h5"], ["shape.h5", "/psi", "[2, 100, 96]", "[2, 192, 96]"] },
        { "float32 init", 3, ["qg", "run", "--init", "@T/f32.h5", "--steps", "5", "--output", "@T/OUT.h5"], ["f32.h5", "/psi", "float32", "float64"] },
        { "trajectory as init", 3, ["qg", "run", "--init", "@J", "--steps", "5", "--output", "@T/OUT.h5"], ["qg_trajectory.h5", "science-qg-trajectory", "science-qg-state"] },
        { "state file as checkpoint", 3, ["qg", "run", "--resume", "@D", "--steps", "5", "--output", "@T/OUT.h5"], ["qg_spunup.h5"] },
        { "missing checkpoint", 3, ["qg", "run", "--resume", "@T/nockpt.h5", "--steps", "5", "--output", "@T/OUT.h5"], ["nockpt.h5", "file not found"] },
        { "unknown option", 2, ["qg", "run", "--init", "@D", "--steps", "5", "--output", "@T/OUT.h5", "--frobnicate"], ["--frobnicate", "known:", "--steps", "--init"] },
        { "positional argument", 2, ["qg", "run", "@D", "--steps", "5", "--output", "@T/OUT.h5"], ["unexpected argument"] },
        { "snapshot-every without trajectory", 2, ["qg", "run", "--init", "@D", "--steps", "5", "--output", "@T/OUT.h5", "--snapshot-every", "5"], ["--snapshot-every", "--trajectory"] },
        { "checkpoint without checkpoint-every", 2, ["qg", "run", "--init", "@D", "--steps", "5", "--output", "@T/OUT.h5", "--checkpoint", "@T/C.h5"], ["--checkpoint-every", "--checkpoint"] },
        { "both init and resume", 2, ["qg", "run", "--init", "@D", "--resume", "@T/C.h5", "--steps", "5", "--output", "@T/OUT.h5"], ["--init", "--resume"] },
        { "neither init nor resume", 2, ["qg", "run", "--steps", "5", "--output", "@T/OUT.h5"], ["--init", "--resume"] },
        { "set with resume", 2, ["qg", "run", "--resume", "@T/C.h5", "--steps", "5", "--output", "@T/OUT.h5", "--set", "dt=0.01"], ["--set", "--resume"] },
        { "init for spinup", 2, ["qg", "spinup", "--output", "@T/OUT.h5", "--init", "@D"], ["--init"] },
        { "unknown command", 2, ["frobnicate"], ["frobnicate"] },
        { "qg without subcommand", 2, ["qg"], ["qg run|spinup"] },
        { "qg with unknown subcommand", 2, ["qg", "walk"], ["qg run|spinup"] },
        { "unknown case", 2, ["discover", "--state", "@D", "--case", "42", "--output", "@T/OUT.json"], ["--case", "42", "1001", "1009"] },
        { "non-numeric case", 2, ["discover", "--state", "@D", "--case", "abc", "--output", "@T/OUT.json"], ["--case", "1001", "1009"] },
        { "unknown library", 2, ["discover", "--state", "@D", "--case", "1001", "--output", "@T/OUT.json", "--library", "nonsense"], ["--library", "'nonsense'"] },
        { "unknown regressor", 2, ["discover", "--state", "@D", "--case", "1001", "--output", "@T/OUT.json", "--regressor", "lasso"], ["--regressor", "rvm|stlsq|ensemble", "'lasso'"] },
        { "unknown library state", 2, ["discover", "--state", "@D", "--case", "1001", "--output", "@T/OUT.json", "--library-state", "truth"], ["--library-state", "forecast|estimate"] },
        { "unknown PV bookkeeping", 2, ["discover", "--state", "@D", "--case", "1001", "--output", "@T/OUT.json", "--pv-bookkeeping", "x"], ["--pv-bookkeeping", "reference|consistent"] },
        { "negative noise", 2, ["discover", "--state", "@D", "--case", "1001", "--output", "@T/OUT.json", "--noise", "-1"], ["--noise", "[0, 10]"] },
        { "bad smoother", 2, ["discover", "--state", "@D", "--case", "1001", "--output", "@T/OUT.json", "--smoother", "box:3"], ["--smoother", "keep:R", "gaussian:F"] },
        { "discover of a missing state", 3, ["discover", "--state", "@T/missing.h5", "--case", "1001", "--output", "@T/OUT.json"], ["missing.h5", "file not found"] },
        { "increments of a garbage state", 3, ["increments", "--state", "@T/garbage.h5", "--case", "1001", "--output", "@T/OUT.h5"], ["garbage.h5", "not an HDF5 file"] },
        { "increments with zero snapshots", 2, ["increments", "--state", "@J", "--case", "1001", "--output", "@T/OUT.h5", "--snapshots", "0"], ["--snapshots", "[1, 10000]"] },
    };

    // Inputs that used to print an exception type name ("error: ArgumentOutOfRangeException: …", "error: IOException: …"),
    // exit with 1 instead of 3, or show .NET's wording instead of the option. "@T/afile" is a plain file; "@T/*.json" are
    // made on demand (see Resolve).
    public static TheoryData<string, int, string[], string[]> Leaks => new()
    {
        { "boundary cut wider than the grid", 2, ["discover", "--state", "@D", "--case", "1001", "--output", "@T/OUT.json", "--boundary-cut", "60"], ["--boundary-cut", "[0, 47]", "96 columns"] },
        { "zero threshold", 2, ["discover", "--state", "@D", "--case", "1001", "--output", "@T/OUT.json", "--thresholds", "0"], ["--thresholds", "positive numbers", "'0'"] },
        { "empty threshold list", 2, ["discover", "--state", "@D", "--case", "1001", "--output", "@T/OUT.json", "--thresholds", ","], ["--thresholds", "empty"] },
        { "case-config parameter out of range", 2, ["discover", "--state", "@D", "--case-config", "@T/dt100.json", "--output", "@T/OUT.json"], ["--case-config", "'dt'", "(0, 10]"] },
        { "case-config parameter not a number", 2, ["discover", "--state", "@D", "--case-config", "@T/betastring.json", "--output", "@T/OUT.json"], ["--case-config", "\"truth\".\"beta\" must be a number", "string"] },
        { "case-config not an object", 2, ["increments", "--state", "@D", "--case-config", "@T/list.json", "--output", "@T/OUT.h5"], ["--case-config", "JSON list, not an object"] },
        { "case-config not JSON", 2, ["discover", "--state", "@D", "--case-config", "@T/broken.json", "--output", "@T/OUT.json"], ["--case-config", "invalid JSON", "line 1"] },
        { "snapshots off the trajectory's steps", 2, ["discover", "--state", "@J", "--case", "1001", "--output", "@T/OUT.json", "--snapshots", "3", "--every", "7"], ["--snapshots/--every", "20007"] },
        { "increments off the trajectory's steps", 2, ["increments", "--state", "@J", "--case", "1001", "--output", "@T/OUT.h5", "--snapshots", "3", "--every", "7"], ["--snapshots/--every", "20007"] },
        { "report folder is a file", 3, ["discover", "--state", "@D", "--case", "1001", "--output", "@T/OUT.json", "--files", "@T/afile"], ["--files", "is a file"] },
        { "report under a file", 3, ["discover", "--state", "@D", "--case", "1001", "--output", "@T/afile/OUT.json"], ["--output", "is a file, not a folder"] },
        { "increments under a file", 3, ["increments", "--state", "@D", "--case", "1001", "--output", "@T/afile/OUT.h5"], ["--output", "is a file, not a folder"] },
        { "snapshot past the trajectory", 2, ["interpolate", "--state", "@J", "--sensors", "0.25", "--interpolator", "cubic", "--output", "@T/OUT.h5", "--snapshot", "6"], ["--snapshot", "[0, 5]", "got 6"] },
        { "interpolator config of the wrong type", 2, ["interpolate", "--state", "@D", "--sensors", "0.25", "--interpolator", "oi", "--output", "@T/OUT.h5", "--interpolator-config", "@T/priorsnap.json"], ["--interpolator-config", "$.prior_snapshots", "wrong type"] },
        { "interpolator config not JSON", 2, ["increments", "--state", "@D", "--case", "1001", "--output", "@T/OUT.h5", "--sensors", "0.25", "--interpolator", "oi", "--interpolator-config", "@T/broken.json"], ["--interpolator-config", "invalid JSON"] },
        { "run output under a file", 3, ["qg", "run", "--init", "@D", "--steps", "5", "--output", "@T/afile/OUT.h5"], ["--output", "is a file, not a folder"] },
        { "trajectory under a file", 3, ["qg", "run", "--init", "@D", "--steps", "5", "--output", "@T/OUT.h5", "--snapshot-every", "1", "--trajectory", "@T/afile/t.h5"], ["--trajectory", "is a file, not a folder"] },
        { "plots folder is a file", 3, ["qg", "run", "--init", "@D", "--steps", "5", "--output", "@T/OUT.h5", "--plots", "@T/afile"], ["--plots", "is a file"] },
        { "run output is a folder", 3, ["qg", "run", "--init", "@D", "--steps", "5", "--output", "@T/"], ["--output", "is a folder"] },
    };

    [Theory]
    [MemberData(nameof(Leaks))]
    public void NeverNamesAnExceptionType(string name, int exitCode, string[] args, string[] fragments)
    {
        Assert.NotEmpty(name);
        using var dir = new TempDir();
        var r = Medida.Run(Resolve(args, dir));
        Assert.DoesNotMatch(@"\b\w+Exception\b", r.StdErr);
        Assert.DoesNotMatch(@"System\.\w+", r.StdErr);
        Medida.AssertError(r, exitCode, fragments);
        Assert.False(File.Exists(dir.File("OUT.h5")), "no output may be written\n" + r);
        Assert.False(File.Exists(dir.File("OUT.json")), "no report may be written\n" + r);
        Assert.False(Directory.Exists(dir.File("OUT_files")), "no report folder may be written\n" + r);
    }

    [Fact]
    public void UnexpectedExceptionsAreDescribedWithoutTheirTypeName()
    {
        var cases = new (Exception Error, int ExitCode, string Message)[]
        {
            (new ArgumentOutOfRangeException("count", 7, "must be in [0, 5]"), 2, "parameter 'count': must be in [0, 5]"),
            (new ArgumentException("the list is empty", "Thresholds"), 2, "parameter 'Thresholds': the list is empty"),
            (new ArgumentException("'k' must be positive", "k"), 2, "'k' must be positive"),
            (new IOException("disk full"), 3, "cannot read or write a file: disk full"),
            (new FileNotFoundException("Could not find file '/x'."), 3, "cannot read or write a file: Could not find file '/x'."),
            (new UnauthorizedAccessException("Access to the path '/x' is denied."), 3, "permission denied: Access to the path '/x' is denied."),
            (new InvalidOperationException("the solver was disposed"), 1, "internal error: the solver was disposed (set MEDIDA_DEBUG=1 for details)"),
            (new NotSupportedException(""), 1, "internal error (set MEDIDA_DEBUG=1 for details)"),
        };
        foreach (var (error, exitCode, message) in cases)
        {
            var (text, code) = CliErrors.Describe(error);
            Assert.Equal(message, text);
            Assert.Equal(exitCode, code);
            Assert.DoesNotMatch(@"\b\w+Exception\b", text);
            Assert.DoesNotContain("(Parameter", text);
        }
    }

    [Fact]
    public void ParameterSuffixAndActualValueLineAreStripped()
    {
        var e = new ArgumentOutOfRangeException("index", 6, "index must be less than 6");
        Assert.Contains("(Parameter 'index')", e.Message);
        Assert.Equal("index must be less than 6", CliErrors.Clean(e.Message));
        Assert.Equal("--snapshot: index must be less than 6", CliErrors.Argument(e, options: new Dictionary<string, string> { ["index"] = "--snapshot" }));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void FailsWithOneLineAndNoOutput(string name, int exitCode, string[] args, string[] fragments)
    {
        Assert.NotEmpty(name);
        using var dir = new TempDir();
        var r = Medida.Run(Resolve(args, dir));
        Medida.AssertError(r, exitCode, fragments);
        Assert.False(File.Exists(dir.File("OUT.h5")), "no output may be written\n" + r);
        Assert.False(File.Exists(dir.File("OUT.json")), "no report may be written\n" + r);
        Assert.False(Directory.Exists(dir.File("OUT_files")), "no report folder may be written\n" + r);
        Assert.False(File.Exists(dir.File("OUT.lastgood.h5")), "no last-good state may be written\n" + r);
        Assert.DoesNotContain(dir.FileNames(), f => f.Contains(".tmp", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--steps", "-5", 2)]
    [InlineData("--set", "dt=-1", 2)]
    [InlineData("--frobnicate", null, 2)]
    [InlineData("--init", "@T/missing.h5", 3)]
    [InlineData("--init", "@T/garbage.h5", 3)]
    [InlineData("--init", "@T/f32.h5", 3)]
    public void ExistingOutputIsLeftUnchanged(string option, string? value, int exitCode)
    {
        using var dir = new TempDir();
        string output = dir.File("OUT.h5");
        byte[] before = [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 31 + 7))];
        File.WriteAllBytes(output, before);
        var stamp = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(output, stamp);

        var args = new List<string> { "qg", "run", "--init", "@D", "--steps", "5", "--output", "@T/OUT.h5" };
        int at = args.IndexOf(option);
        if (at >= 0) args[at + 1] = value!;
        else
        {
            args.Add(option);
            if (value is not null) args.Add(value);
        }
        var r = Medida.Run(Resolve([.. args], dir));
        Medida.AssertError(r, exitCode);
        Assert.Equal(before, File.ReadAllBytes(output));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(output));
        string[] allowed = ["OUT.h5", "garbage.h5", "f32.h5"];
        Assert.All(dir.FileNames(), f => Assert.Contains(f, allowed));
    }

    [SkippableFact]
    public void FftwMissingIsAUsageError()
    {
        // The error for a missing libfftw3 can only be seen where it is missing (not a CI failure: CI installs it).
        Skip.If(FftwRealFft2D.IsAvailable, "libfftw3 is installed here, so the missing-FFTW usage error cannot occur");
        using var dir = new TempDir();
        var r = Medida.Run(Resolve(["qg", "run", "--init", "@D", "--steps", "5", "--output", "@T/OUT.h5", "--fft", "fftw"], dir));
        Medida.AssertError(r, 2, "--fft fftw", "--fft managed");
        Assert.False(File.Exists(dir.File("OUT.h5")));
    }

    [Fact]
    public void NoArgumentsPrintsHelpAndExits2()
    {
        var r = Medida.Run();
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("medida qg run --init STATE.h5 --steps N --output OUT.h5", r.StdOut);
        Assert.Contains("exit codes", r.StdOut);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public void TopLevelHelpExits0(string flag)
    {
        var r = Medida.Ok(flag);
        foreach (string usage in new[] { "medida qg run", "medida qg spinup", "medida model run", "medida increments", "medida discover" })
            Assert.Contains(usage, r.StdOut);
        Assert.Equal("", r.StdErr);
    }

    [Theory]
    [InlineData("qg", "run")]
    [InlineData("qg", "spinup")]
    [InlineData("model", "run")]
    [InlineData("increments")]
    [InlineData("discover")]
    public void CommandHelpExits0(params string[] command)
    {
        var r = Medida.Ok([.. command, "--help"]);
        Assert.StartsWith("usage: medida " + string.Join(' ', command), r.StdOut);
        Assert.Equal("", r.StdErr);
    }

    [Fact]
    public void VersionExits0()
    {
        var r = Medida.Ok("--version");
        Assert.Matches(@"^\d+\.\d+\.\d+", r.StdOut.Trim());
    }

    /// <summary>Replaces the placeholders and creates the bad input files a case names.</summary>
    internal static string[] Resolve(string[] args, TempDir dir)
    {
        var resolved = args.Select(a => a switch
        {
            "@D" => Repo.SpunUp,
            "@J" => Repo.Trajectory,
            _ when a.StartsWith("@T/", StringComparison.Ordinal) => dir.File(a[3..]),
            _ => a,
        }).ToArray();
        foreach (string a in args)
        {
            if (a.StartsWith("@T/afile", StringComparison.Ordinal)) File.WriteAllText(dir.File("afile"), "not a folder");
            switch (a)
            {
                case "@T/dt100.json":
                    File.WriteAllText(dir.File("dt100.json"), """{"truth": {"dt": 100}}""");
                    break;
                case "@T/betastring.json":
                    File.WriteAllText(dir.File("betastring.json"), """{"truth": {"beta": "x"}}""");
                    break;
                case "@T/list.json":
                    File.WriteAllText(dir.File("list.json"), "[1, 2]");
                    break;
                case "@T/broken.json":
                    File.WriteAllText(dir.File("broken.json"), """{"truth": {"beta": }""");
                    break;
                case "@T/priorsnap.json":
                    File.WriteAllText(dir.File("priorsnap.json"), """{"prior_snapshots": -3}""");
                    break;
                case "@T/garbage.h5":
                    var bytes = new byte[3000];
                    new Random(42).NextBytes(bytes);
                    File.WriteAllBytes(dir.File("garbage.h5"), bytes);
                    break;
                case "@T/shape.h5":
                    new H5File { ["psi"] = new H5Dataset(new double[2 * 100 * 96], fileDims: [2, 100, 96]) }.Write(dir.File("shape.h5"));
                    break;
                case "@T/f32.h5":
                    new H5File { ["psi"] = new H5Dataset(new float[2 * 192 * 96], fileDims: [2, 192, 96]) }.Write(dir.File("f32.h5"));
                    break;
            }
        }
        return resolved;
    }
}
