using Science.Medida.Cases;

namespace Science.Medida.Increments;

/// <summary>Switches of the increment procedure (spec §4): which state feeds the library and the PV bookkeeping.</summary>
/// <param name="LibraryState">Forecast (reference) or estimate at t.</param>
/// <param name="Bookkeeping">Reference or consistent PV definitions.</param>
public sealed record IncrementSettings(LibraryState LibraryState = LibraryState.Forecast, PvBookkeeping Bookkeeping = PvBookkeeping.Reference)
{
    /// <summary>The reference procedure.</summary>
    public static IncrementSettings Reference { get; } = new();
}
