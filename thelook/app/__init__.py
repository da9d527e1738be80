"""The dashboard: one Streamlit app over the marts, and a catalogue of the models."""
