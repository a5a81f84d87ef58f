"""The tables of revision 0001 (versions/0001_initial.py), in two parts: the complaint
domain's and the runtime's machinery."""
