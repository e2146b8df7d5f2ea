namespace Science.Tests.Shared;

/// <summary>
/// A prerequisite of a test that the machine may lack (FFTW, h5py, h5dump, the oracle file). On a developer machine a
/// missing prerequisite skips the test with the reason; under <c>CI=true</c> (set by <c>.ci/run</c>, which installs
/// them) it fails the test, so that CI cannot report as passed a test that never ran. Opt-in tests
/// (<c>SCIENCE_SLOW</c>, <c>SCIENCE_NOTEBOOKS</c>) always skip when not opted in. Compiled into the test projects as a
/// linked file; the tests must be <c>[SkippableFact]</c>/<c>[SkippableTheory]</c> (Xunit.SkippableFact).
/// </summary>
internal static class Prerequisite
{
    /// <summary>Whether the environment variable CI is "true" (case-insensitive).</summary>
    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI")?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Returns when <paramref name="available"/>; otherwise skips the test, or fails it under CI=true.
    /// </summary>
    /// <param name="available">Whether the prerequisite is present.</param>
    /// <param name="what">The missing thing, e.g. "libfftw3 (libfftw3.so.3)".</param>
    /// <param name="howToGet">How to get it, e.g. "apt-get install libfftw3-double3".</param>
    /// <param name="ciProvides">What should have provided it in CI; by default ".ci/run should have installed it".</param>
    public static void Require(bool available, string what, string howToGet, string? ciProvides = null)
    {
        if (available) return;
        if (IsCi)
            throw new MissingPrerequisiteException(
                $"CI=true but {what} is missing: {ciProvides ?? ".ci/run should have installed it"} ({howToGet})");
        throw new SkipException($"{what} is missing; to run this test: {howToGet} (under CI=true this is a failure)");
    }

    /// <summary>Skips the test unless the environment variable <paramref name="variable"/> is "1" (never fails).</summary>
    public static void OptIn(string variable, string what) =>
        Skip.IfNot(Environment.GetEnvironmentVariable(variable) == "1",
            $"opt-in: {what}; set {variable}=1 to run it");
}

/// <summary>Thrown under CI=true when a prerequisite that .ci/run installs is missing.</summary>
internal sealed class MissingPrerequisiteException(string message) : Exception(message);
