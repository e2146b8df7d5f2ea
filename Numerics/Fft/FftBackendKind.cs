namespace Science.Numerics.Fft;

/// <summary>Which implementation of <see cref="IRealFft2D"/> <see cref="RealFft2D.Create"/> returns.</summary>
public enum FftBackendKind
{
    /// <summary>The fastest backend measured on the project's machines: currently <see cref="Managed"/>.</summary>
    Auto,

    /// <summary>The pure managed <see cref="ManagedRealFft2D"/>; always available.</summary>
    Managed,

    /// <summary>The FFTW 3 (double precision) <see cref="FftwRealFft2D"/>; requires libfftw3.so.3.</summary>
    Fftw,
}
