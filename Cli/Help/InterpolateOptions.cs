using Science.Cli.Commands;
using Science.Interpolation;

namespace Science.Cli.Help;

/// <summary>The option table of <c>medida interpolate</c> (read by <see cref="Sparse.Interpolate"/>).</summary>
internal static class InterpolateOptions
{
    public static CliCommand Interpolate => new()
    {
        Name = "medida interpolate",
        Words = ["interpolate"],
        Usage = Sparse.InterpolateUsage,
        Description =
            "Reconstructs ψ of one QG state from sensors with an interpolator and scores it against the truth. Writes " +
            "EST.h5 (the estimate as a state file), EST.json (errors and spectra per layer), EST.sensors.csv (the sensor " +
            "points) and, unless --no-charts, EST.spectra.html and EST.maps.html.",
        Options =
        [
            CliOption.Text("state", "STATE.h5", "The truth: a QG state file or a trajectory (see --snapshot).") with { Required = true },
            CliOption.Text("sensors", "SPEC", "Where the sensors are: " + SensorSpecification.Forms + ".", "full"),
            CliOption.Text("interpolator", "NAME", "The interpolator (see --list-interpolators).") with { Required = true },
            CliOption.Text("interpolator-config", "FILE.json", "The interpolator's options (JSON)."),
            CliOption.Text("output", "EST.h5", "The estimate; the other files take its name.") with { Required = true },
            CliOption.Text("snapshot", "K", "The snapshot of a trajectory --state.", "0", "integer in [0, snapshots − 1]"),
            CliOption.Real("noise", "LEVEL", 0, 10, "Relative observation-noise level at the sensors.", "0"),
            SharedOptions.Seed("Seed of the noise, of a random sensor subset (unless --sensor-seed) and of the networks."),
            CliOption.Integer("sensor-seed", "S", 0, int.MaxValue, "Seed of a random sensor subset.", "--seed"),
            SharedOptions.Fft,
            SharedOptions.NoCharts,
            SharedOptions.Quiet,
            SharedOptions.ListInterpolators,
        ],
    };
}
