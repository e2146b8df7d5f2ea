using Science.QgModel.IO;

namespace Science.QgModel.Tests;

/// <summary>Access to the shared reference data of the original solver.</summary>
internal static class Oracle
{
    private static readonly Lazy<OracleFile?> File = new(() =>
        OracleFile.DefaultPath is string path ? OracleFile.Open(path) : null);

    /// <summary>
    /// The oracle's path (SCIENCE_ORACLE, or shared/reference/oracle beside the repository); skips the test when it is
    /// not found, and fails it under CI=true.
    /// </summary>
    public static string RequirePath()
    {
        string? path = OracleFile.DefaultPath;
        Science.Tests.Shared.Prerequisite.Require(path is not null, "the oracle qg_oracle_public.h5",
            "put the shared reference data (reference/oracle/) beside the repository, or set SCIENCE_ORACLE to the file",
            "CI should have copied the shared reference data beside the repository");
        return path!;
    }

    /// <summary>The oracle, opened once; skips the test when it is not found (fails it under CI=true).</summary>
    public static OracleFile Data
    {
        get
        {
            RequirePath();
            return File.Value!;
        }
    }

    /// <summary>Two layers <c>[2, 192, 96]</c> from <c>{group}/{name}_1</c> and <c>{group}/{name}_2</c>.</summary>
    public static double[] Layers(string group, string name)
    {
        var a = Data.ReadField($"{group}/{name}_1");
        var b = Data.ReadField($"{group}/{name}_2");
        return [.. a, .. b];
    }

    /// <summary>max|a − b| / max|b|.</summary>
    public static double RelativeMaxError(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        double err = 0, scale = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            err = Math.Max(err, Math.Abs(actual[i] - expected[i]));
            scale = Math.Max(scale, Math.Abs(expected[i]));
        }
        return err / scale;
    }
}
