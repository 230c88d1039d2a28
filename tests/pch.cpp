// The translation unit that builds the tests' precompiled header (Catch2, nlohmann/json); it defines nothing.
