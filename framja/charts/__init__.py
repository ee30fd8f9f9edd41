"""Charts for indicators: plain data in; SVG, PDF drawings, PNG, CSV and XLSX out; no ORM."""
