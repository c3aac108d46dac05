"""Jobs for developers: the demo data generator and the benchmark."""
