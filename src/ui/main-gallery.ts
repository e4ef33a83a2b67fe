import "./styles.css";
import "./gallery";
